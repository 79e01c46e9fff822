using System.Text.RegularExpressions;
using Storefront.Tests.Support;

namespace Storefront.Tests.Docs;

/// <summary>
/// Comments cite the provider and Stripe notes by file and section number, e.g. "docs/providers/citrus.md" followed by
/// a section sign and "2.4". A newcomer must be able to follow every such citation: the file exists and has a heading
/// with that number. The section sign is written as \u00A7 here, so this file cites nothing itself.
/// </summary>
public sealed partial class SectionReferenceTests
{
    private static readonly string[] ScannedFolders = ["src", "tests"];
    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules"];
    private static readonly string[] ScannedExtensions = [".cs", ".cshtml", ".js", ".css", ".json", ".sh", ".csproj"];

    [Fact]
    public void Every_section_reference_in_src_and_tests_names_a_docs_file_and_a_heading_in_it()
    {
        var root = TestEnvironment.RepositoryRoot;
        var problems = new List<string>();
        var citations = 0;
        foreach (var path in ScannedFolders.SelectMany(folder => SourceFiles(Path.Combine(root, folder))))
        {
            var text = File.ReadAllText(path);
            if (!text.Contains('\u00A7'))
                continue;
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            problems.AddRange(Problems(relative, text, docsFile => HeadingNumbers(Path.Combine(root, docsFile))));
            citations += CitationPattern().Matches(text).Count;
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(citations > 200, $"Only {citations} citations found: is the scan looking in the right place?");
    }

    [Fact]
    public void A_section_reference_without_a_file_or_to_a_missing_heading_is_reported()
    {
        var headings = new Dictionary<string, IReadOnlySet<string>?>
        {
            ["docs/providers/citrus.md"] = new HashSet<string> { "2", "2.4", "2.5", "5.1" },
            ["docs/providers/gone.md"] = null,
        };
        var text = """
            // Fine (docs/providers/citrus.md \u00A72.4, \u00A72.5) and a range (docs/providers/citrus.md \u00A72.4–2.5).
            /// Wrapped over two lines (docs/providers/citrus.md \u00A72.4,
            /// \u00A75.1).
            // Old style (notes \u00A72.4).
            // Missing heading (docs/providers/citrus.md \u00A72.9) and missing range end (docs/providers/citrus.md \u00A72.4–2.8).
            // Missing file (docs/providers/gone.md \u00A71).
            """.Replace("\\u00A7", "\u00A7");

        var problems = Problems("Example.cs", text, file => headings.GetValueOrDefault(file));

        Assert.Equal(
        [
            "Example.cs:5: docs/providers/citrus.md has no heading numbered 2.9",
            "Example.cs:5: docs/providers/citrus.md has no heading numbered 2.8",
            "Example.cs:6: docs/providers/gone.md does not exist",
            "Example.cs:4: \u00A7 cites no docs file",
        ], problems);
    }

    /// <summary>
    /// Each section sign must belong to a citation: a docs file, then one or more section numbers separated by commas or
    /// "and" (possibly wrapped onto the next comment line), or a range "2.4–2.5".
    /// </summary>
    private static IEnumerable<string> Problems(string path, string text, Func<string, IReadOnlySet<string>?> headingsOf)
    {
        var cited = new bool[text.Length];
        foreach (Match citation in CitationPattern().Matches(text))
        {
            var refs = citation.Groups["refs"];
            for (var i = refs.Index; i < refs.Index + refs.Length; i++)
                cited[i] = true;

            var file = citation.Groups["file"].Value;
            var line = LineOf(text, citation.Index);
            var headings = headingsOf(file);
            if (headings is null)
            {
                yield return $"{path}:{line}: {file} does not exist";
                continue;
            }
            foreach (var number in SectionNumberPattern().Matches(refs.Value).Select(m => m.Value.TrimEnd('.')))
                if (!headings.Contains(number))
                    yield return $"{path}:{line}: {file} has no heading numbered {number}";
        }

        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\u00A7' && !cited[i])
                yield return $"{path}:{LineOf(text, i)}: \u00A7 cites no docs file";
    }

    /// <summary>The numbers of the file's headings: "## 2. Citrus", "### 2.4 Endpoints" give 2 and 2.4.</summary>
    private static IReadOnlySet<string>? HeadingNumbers(string path) =>
        File.Exists(path)
            ? File.ReadLines(path).Select(l => HeadingPattern().Match(l)).Where(m => m.Success)
                .Select(m => m.Groups["number"].Value).ToHashSet()
            : null;

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => ScannedExtensions.Contains(Path.GetExtension(f)))
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(SkippedFolders.Contains));

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"(?<file>docs/[\w./-]+\.md)[ \t]+(?<refs>\u00A7\d+(?:\.\d+)*(?:(?:,|[ \t]+and)\s*(?:/{2,3}[ \t]*)?\u00A7\d+(?:\.\d+)*|–\d+(?:\.\d+)*)*)")]
    private static partial Regex CitationPattern();

    [GeneratedRegex(@"\d+(?:\.\d+)*")]
    private static partial Regex SectionNumberPattern();

    [GeneratedRegex(@"^#+[ \t]+(?<number>\d+(?:\.\d+)*)\.?[ \t]")]
    private static partial Regex HeadingPattern();
}
