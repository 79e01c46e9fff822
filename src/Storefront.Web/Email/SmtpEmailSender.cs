using System.Net.Security;
using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Storefront.Infrastructure;
using Storefront.Jobs;

namespace Storefront.Email;

/// <summary>
/// Sends mail with MailKit: to the configured SMTP relay, or, with no Smtp:Host, as .eml files into the pickup folder
/// that /sandbox/mail shows.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> smtp, IOptions<BrandOptions> brand, IHostEnvironment env,
    ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        using var mime = Build(message);
        var host = smtp.Value.Host;
        if (string.IsNullOrWhiteSpace(host))
            await WriteToPickupDirectoryAsync(mime, ct);
        else
            await SendOverSmtpAsync(host, mime, message.To, ct);
        logger.LogInformation("Email '{Subject}' sent to {Recipient}", message.Subject, Redact(message.To));
    }

    public string PickupDirectory => Path.Combine(env.ContentRootPath, smtp.Value.PickupDirectory);

    /// <summary>Written under a temporary name and then renamed, so the mail viewer never reads half a message.</summary>
    private async Task WriteToPickupDirectoryAsync(MimeMessage mime, CancellationToken ct)
    {
        Directory.CreateDirectory(PickupDirectory);
        var path = Path.Combine(PickupDirectory, $"{Guid.NewGuid()}.eml");
        var partial = path + ".partial";
        await mime.WriteToAsync(partial, ct);
        File.Move(partial, path);
    }

    private async Task SendOverSmtpAsync(string host, MimeMessage mime, string recipient, CancellationToken ct)
    {
        var o = smtp.Value;
        using var client = new SmtpClient { Timeout = 30_000 };
        if (o.TrustedCertificateSha256 is { Length: > 0 } pinned)
            client.ServerCertificateValidationCallback = AcceptValidOr(pinned);
        try
        {
            await ConnectAsync(client, host, o, ct);
            if (!string.IsNullOrEmpty(o.Username))
                await client.AuthenticateAsync(o.Username, o.Password ?? "", ct);
            await client.SendAsync(mime, ct);
        }
        // A 5xx refusal of this recipient or this message will be refused again on every retry; 4xx replies, lost
        // connections and TLS or login failures may pass later (or once the settings are fixed), so those are retried.
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500
                                             && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            var refused = e.ErrorCode == SmtpErrorCode.RecipientNotAccepted ? $"the recipient {Redact(recipient)}" : "the message";
            throw new PermanentFailureException($"The mail server refused {refused} for good ({(int)e.StatusCode}).", e);
        }

        // The server has taken the message: a failed goodbye must not make the work queue send it a second time.
        try { await client.DisconnectAsync(quit: true, ct); }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or System.Net.Sockets.SocketException)
        {
            logger.LogWarning("The SMTP server dropped the connection after accepting the message: {Error}", e.GetType().Name);
        }
    }

    private static async Task ConnectAsync(SmtpClient client, string host, SmtpOptions o, CancellationToken ct)
    {
        try
        {
            await client.ConnectAsync(host, o.Port, ToSocketOptions(o.EffectiveSecurity), ct);
        }
        // A relay that speaks only TLS waits in silence for a handshake that a plain connection never starts: name the
        // likely cause, not just the timeout. Still a retried failure: the settings may be fixed before the retries end.
        catch (TimeoutException e) when (o.EffectiveSecurity != SmtpSecurity.SslOnConnect)
        {
            throw new TimeoutException($"The SMTP server {host}:{o.Port} sent no greeting within {client.Timeout / 1000} s. " +
                                       "If it expects TLS from the first byte (usually port 465), set Smtp:Security to SslOnConnect.", e);
        }
    }

    /// <summary>
    /// A certificate that validates is accepted as always; one that does not (self-signed, or issued for another name)
    /// only when it is exactly the pinned one, so pinning one relay's certificate trusts nothing else.
    /// </summary>
    private static RemoteCertificateValidationCallback AcceptValidOr(string pinnedSha256)
    {
        var pinned = pinnedSha256.Replace(":", "").Trim();
        return (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || certificate is not null
               && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), pinned, StringComparison.OrdinalIgnoreCase);
    }

    private static SecureSocketOptions ToSocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>multipart/alternative [text, related [html, inline images]], inside multipart/mixed when there are attachments.</summary>
    private MimeMessage Build(EmailMessage message)
    {
        var b = brand.Value;
        var mime = new MimeMessage { Subject = message.Subject };
        mime.From.Add(new MailboxAddress(b.SenderName ?? b.Name, b.SenderEmail));
        mime.To.Add(new MailboxAddress(message.ToName, message.To));
        mime.ReplyTo.Add(new MailboxAddress(b.Name, b.SupportEmail));

        var body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html };
        foreach (var image in message.InlineImages ?? [])
        {
            body.LinkedResources.Add(new MimePart(ContentType.Parse(image.MediaType))
            {
                Content = new MimeContent(new MemoryStream(image.Content)),
                ContentId = image.ContentId,
                ContentDisposition = new ContentDisposition(ContentDisposition.Inline),
                ContentTransferEncoding = ContentEncoding.Base64,
            });
        }
        foreach (var attachment in message.Attachments ?? [])
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.MediaType));
        mime.Body = body.ToMessageBody();
        // 7-bit transfer encodings (quoted-printable, base64) for every part: any relay accepts them, and the
        // long lines of the HTML layout stay within SMTP's line limit.
        mime.Prepare(EncodingConstraint.SevenBit);
        return mime;
    }

    /// <summary>Logs carry "m***@example.com", not the whole address.</summary>
    public static string Redact(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }
}
