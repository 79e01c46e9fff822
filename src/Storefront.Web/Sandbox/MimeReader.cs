using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;

namespace Storefront.Sandbox;

/// <summary>A message read back from an .eml file in the pickup folder, for the sandbox mail viewer.</summary>
public sealed record ReadMail(string Subject, string From, string To, DateTimeOffset? Date, string? Html, string? Text,
    IReadOnlyDictionary<string, (string MediaType, byte[] Content)> InlineParts);

/// <summary>
/// Just enough MIME to show what System.Net.Mail wrote: headers (RFC 2047 words), nested multiparts, base64 and
/// quoted-printable bodies, Content-ID parts.
/// </summary>
public static partial class MimeReader
{
    public static ReadMail Read(string raw)
    {
        var (headers, body) = Split(raw);
        string? html = null, text = null;
        var inline = new Dictionary<string, (string, byte[])>(StringComparer.OrdinalIgnoreCase);
        Walk(headers, body, ref html, ref text, inline);
        DateTimeOffset? date = DateTimeOffset.TryParse(Header(headers, "Date")?.Replace(" (UTC)", ""), out var d) ? d : null;
        return new ReadMail(DecodeWords(Header(headers, "Subject") ?? "(no subject)"), DecodeWords(Header(headers, "From") ?? ""),
            DecodeWords(Header(headers, "To") ?? ""), date, html, text, inline);
    }

    private static void Walk(Dictionary<string, string> headers, string body, ref string? html, ref string? text,
        Dictionary<string, (string, byte[])> inline)
    {
        var contentType = Header(headers, "Content-Type") ?? "text/plain";
        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType.StartsWith("multipart/"))
        {
            var boundary = BoundaryRegex().Match(contentType).Groups[1].Value.Trim('"');
            foreach (var part in body.Split("--" + boundary).Skip(1))
            {
                if (part.StartsWith("--")) break;
                var (partHeaders, partBody) = Split(part.TrimStart('\r', '\n'));
                Walk(partHeaders, partBody, ref html, ref text, inline);
            }
            return;
        }
        var bytes = Decode(body, Header(headers, "Content-Transfer-Encoding"));
        var contentId = Header(headers, "Content-ID")?.Trim('<', '>', ' ');
        if (contentId is not null && !mediaType.StartsWith("text/"))
            inline[contentId] = (mediaType, bytes);
        else if (mediaType == "text/html")
            html ??= Encoding.UTF8.GetString(bytes);
        else if (mediaType == "text/plain")
            text ??= Encoding.UTF8.GetString(bytes);
    }

    private static byte[] Decode(string body, string? encoding) => encoding?.Trim().ToLowerInvariant() switch
    {
        "base64" => Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c)))),
        "quoted-printable" => QuotedPrintable(body),
        _ => Encoding.UTF8.GetBytes(body.TrimEnd()),
    };

    private static byte[] QuotedPrintable(string body)
    {
        var output = new List<byte>();
        var text = body.Replace("=\r\n", "").Replace("=\n", "");
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                output.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else output.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
        }
        return output.ToArray();
    }

    private static (Dictionary<string, string> Headers, string Body) Split(string raw)
    {
        var normalized = raw.Replace("\r\n", "\n");
        var end = normalized.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? normalized : normalized[..end];
        var body = end < 0 ? "" : normalized[(end + 2)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split('\n'))
        {
            if ((line.StartsWith(' ') || line.StartsWith('\t')) && last is not null)
                headers[last] += " " + line.Trim();
            else if (line.IndexOf(':') is var colon and > 0)
                headers[last = line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return (headers, body);
    }

    private static string? Header(Dictionary<string, string> headers, string name) => headers.GetValueOrDefault(name);

    /// <summary>Decodes RFC 2047 encoded words such as =?utf-8?B?...?=.</summary>
    public static string DecodeWords(string value) => EncodedWordRegex().Replace(AdjacentWordsRegex().Replace(value, "?==?"), m =>
    {
        var charset = Encoding.GetEncoding(m.Groups[1].Value);
        var data = m.Groups[3].Value;
        return m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? charset.GetString(Convert.FromBase64String(data))
            : charset.GetString(QuotedPrintable(data.Replace('_', ' ')));
    });

    [GeneratedRegex("boundary=(\"[^\"]+\"|[^;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryRegex();

    /// <summary>Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).</summary>
    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex AdjacentWordsRegex();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWordRegex();
}
