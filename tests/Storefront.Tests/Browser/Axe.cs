using System.Text.Json;
using Microsoft.Playwright;
using Storefront.Tests.Support;

namespace Storefront.Tests.Browser;

public sealed record AxeViolation(string Id, string Impact, string Help, IReadOnlyList<string> Targets)
{
    public bool IsBlocking => Impact is "serious" or "critical";

    public override string ToString() => $"{Impact} {Id}: {Help} ({string.Join(", ", Targets)})";
}

/// <summary>
/// axe-core (npm, installed into tests/node by scripts/test.sh) run inside a Playwright page. The script goes in as an
/// init script, so it is there on every navigation and no Content-Security-Policy of the store can block it.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "node", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"{path} is missing: run the tests through scripts/test.sh, which installs axe-core from tests/node/package.json.");
    });

    /// <summary>WCAG 2.2 A and AA, plus axe's best practices (landmarks, one main, headings).</summary>
    private const string Run = """
        async () => {
          const result = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
            resultTypes: ['violations'],
          });
          return result.violations.map(v => ({
            id: v.id, impact: v.impact || 'minor', help: v.help,
            targets: v.nodes.slice(0, 6).map(n => n.target.join(' ')),
          }));
        }
        """;

    public static Task InstallAsync(IBrowserContext context) => context.AddInitScriptAsync(Source.Value);

    public static async Task<IReadOnlyList<AxeViolation>> CheckAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>(Run);
        return json.EnumerateArray().Select(v => new AxeViolation(
            v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString()!, v.GetProperty("help").GetString()!,
            v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList())).ToList();
    }
}
