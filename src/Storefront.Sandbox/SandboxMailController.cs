using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using MimeKit;
using Storefront.Email;
using Storefront.Infrastructure;

namespace Storefront.Sandbox;

/// <summary>/sandbox/mail: the emails the embedded default wrote to its pickup folder, newest first. They hold activation
/// codes, so no cache keeps them.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class SandboxMailController(SandboxMode sandbox, IEmailSender sender) : Controller
{
    private string Folder => ((SmtpEmailSender)sender).PickupDirectory;

    [HttpGet("/sandbox/mail")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        if (!sandbox.Mail) return NotFound();
        Response.KeepPrivate();
        var files = Directory.Exists(Folder)
            ? new DirectoryInfo(Folder).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).Take(200).ToList()
            : [];
        var rows = new StringBuilder();
        foreach (var f in files)
        {
            using var mail = await MimeMessage.LoadAsync(f.FullName, ct);
            rows.Append($"<tr><td>{f.LastWriteTimeUtc:yyyy-MM-dd HH:mm:ss} UTC</td><td>{WebUtility.HtmlEncode(mail.To.ToString())}</td>" +
                        $"<td><a href=\"/sandbox/mail/{WebUtility.UrlEncode(Path.GetFileNameWithoutExtension(f.Name))}\">{WebUtility.HtmlEncode(mail.Subject ?? "(no subject)")}</a></td></tr>");
        }
        return Content($$"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>Sandbox mail</title><link rel="stylesheet" href="/css/site.css"></head><body><main class="container">
            <h1 style="margin-top:24px">Sandbox mail</h1><p>Emails the store sent while running on its embedded default (written to {{WebUtility.HtmlEncode(Folder)}}).</p>
            <table style="width:100%;border-collapse:collapse" cellpadding="8"><thead><tr style="text-align:left"><th>Sent</th><th>To</th><th>Subject</th></tr></thead>
            <tbody>{{(rows.Length == 0 ? "<tr><td colspan=3>No emails yet.</td></tr>" : rows)}}</tbody></table></main></body></html>
            """, "text/html");
    }

    [HttpGet("/sandbox/mail/{id}")]
    public async Task<IActionResult> Show(string id, CancellationToken ct, bool text = false)
    {
        if (!sandbox.Mail || !IsSafeId(id)) return NotFound();
        var path = Path.Combine(Folder, id + ".eml");
        if (!System.IO.File.Exists(path)) return NotFound();
        Response.KeepPrivate();
        using var mail = await MimeMessage.LoadAsync(path, ct);
        if (text || mail.HtmlBody is null)
            return Content(mail.TextBody ?? "", "text/plain; charset=utf-8");
        var html = mail.HtmlBody.Replace("cid:", $"/sandbox/mail/{id}/cid/");
        var header = $"""<aside aria-label="Sandbox mail viewer" style="font:14px sans-serif;background:#fef3c7;color:#78350f;padding:8px 12px;">Sandbox mail · To: {WebUtility.HtmlEncode(mail.To.ToString())} · Subject: {WebUtility.HtmlEncode(mail.Subject)} · <a href="/sandbox/mail/{id}?text=true">plain text</a> · <a href="/sandbox/mail">all mail</a></aside>""";
        var body = html.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
        var at = body < 0 ? 0 : html.IndexOf('>', body) + 1;
        // The email inside the viewer's main landmark, as a mail client would frame it.
        var end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        var framed = end < 0 ? html + "</main>" : html.Insert(end, "</main>");
        return Content(framed.Insert(at, header + "<main>"), "text/html; charset=utf-8");
    }

    [HttpGet("/sandbox/mail/{id}/cid/{contentId}")]
    public async Task<IActionResult> Inline(string id, string contentId, CancellationToken ct)
    {
        if (!sandbox.Mail || !IsSafeId(id)) return NotFound();
        var path = Path.Combine(Folder, id + ".eml");
        if (!System.IO.File.Exists(path)) return NotFound();
        Response.KeepPrivate();
        using var mail = await MimeMessage.LoadAsync(path, ct);
        if (mail.BodyParts.OfType<MimePart>().FirstOrDefault(p => p.ContentId == contentId) is not { Content: { } content } part)
            return NotFound();
        var bytes = new MemoryStream();
        await content.DecodeToAsync(bytes, ct);
        return File(bytes.ToArray(), part.ContentType.MimeType);
    }

    private static bool IsSafeId(string id) => id.Length is > 0 and < 100 && id.All(c => char.IsLetterOrDigit(c) || c == '-');
}
