using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;
using Storefront.Infrastructure;

namespace Storefront.Email;

/// <summary>
/// Sends mail with System.Net.Mail: to the configured SMTP relay, or, with no Smtp:Host, as .eml files into the pickup
/// folder that /sandbox/mail shows.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> smtp, IOptions<BrandOptions> brand, IHostEnvironment env,
    ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        using var mail = Build(message);
        using var client = CreateClient();
        await client.SendMailAsync(mail, ct);
        logger.LogInformation("Email '{Subject}' sent to {Recipient}", message.Subject, Redact(message.To));
    }

    public string PickupDirectory => Path.Combine(env.ContentRootPath, smtp.Value.PickupDirectory);

    private SmtpClient CreateClient()
    {
        var o = smtp.Value;
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            Directory.CreateDirectory(PickupDirectory);
            return new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = PickupDirectory };
        }
        var client = new SmtpClient(o.Host, o.Port) { EnableSsl = o.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network, Timeout = 30_000 };
        if (!string.IsNullOrEmpty(o.Username))
            client.Credentials = new NetworkCredential(o.Username, o.Password);
        return client;
    }

    private MailMessage Build(EmailMessage message)
    {
        var b = brand.Value;
        var mail = new MailMessage
        {
            From = new MailAddress(b.SenderEmail, b.SenderName ?? b.Name, Encoding.UTF8),
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        mail.To.Add(new MailAddress(message.To, message.ToName, Encoding.UTF8));
        mail.ReplyToList.Add(new MailAddress(b.SupportEmail, b.Name, Encoding.UTF8));

        var text = AlternateView.CreateAlternateViewFromString(message.Text, Encoding.UTF8, MediaTypeNames.Text.Plain);
        text.TransferEncoding = TransferEncoding.QuotedPrintable;
        var html = AlternateView.CreateAlternateViewFromString(message.Html, Encoding.UTF8, MediaTypeNames.Text.Html);
        html.TransferEncoding = TransferEncoding.QuotedPrintable;
        foreach (var image in message.InlineImages ?? [])
        {
            html.LinkedResources.Add(new LinkedResource(new MemoryStream(image.Content), image.MediaType)
            {
                ContentId = image.ContentId,
                TransferEncoding = TransferEncoding.Base64,
            });
        }
        mail.AlternateViews.Add(text);
        mail.AlternateViews.Add(html);
        foreach (var attachment in message.Attachments ?? [])
            mail.Attachments.Add(new Attachment(new MemoryStream(attachment.Content), attachment.FileName, attachment.MediaType));
        return mail;
    }

    /// <summary>Logs carry "m***@example.com", not the whole address.</summary>
    public static string Redact(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }
}
