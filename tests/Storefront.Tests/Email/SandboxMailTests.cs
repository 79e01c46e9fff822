using MimeKit;
using Storefront.Tests.Support;

namespace Storefront.Tests.Email;

/// <summary>The embedded default: emails written to the pickup folder and shown at /sandbox/mail.</summary>
public sealed class SandboxMailTests
{
    [Fact]
    public async Task Pickup_folder_delivery_email_is_text_and_html_with_the_qr_code_related_to_the_html()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        await shopper.BuyAsync("JP", 3);

        using var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(store.MailFolder, "*.eml")));

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal("text/plain", alternative[0].ContentType.MimeType);
        var related = Assert.IsType<MultipartRelated>(alternative[1]);
        Assert.Equal("text/html", related[0].ContentType.MimeType);
        var qr = Assert.IsType<MimePart>(related[1]);
        Assert.Equal("image/png", qr.ContentType.MimeType);
        Assert.Contains($"cid:{qr.ContentId}", message.HtmlBody);
        Assert.DoesNotContain(Directory.GetFiles(store.MailFolder), f => !f.EndsWith(".eml"));
    }

    [Fact]
    public async Task Sandbox_mail_shows_the_delivery_email_with_a_qr_code_that_decodes_to_the_activation_code()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var number = await shopper.BuyAsync("JP", 3);
        var upstream = Assert.Single(await new CitrusUpstream(store).EsimsForAsync(number));

        var list = await shopper.GetPageAsync("/sandbox/mail");
        var link = Assert.Single(list.QuerySelectorAll("a[href^='/sandbox/mail/']"), a => a.TextContent.Contains(number));
        Assert.Contains("maria@example.com", list.Body!.TextContent);

        var mail = await shopper.GetPageAsync(link.GetAttribute("href")!);
        Assert.Contains(upstream.LpaString!.Split('$')[2], mail.Body!.TextContent);
        var image = mail.QuerySelector("img[src*='/cid/']")!.GetAttribute("src")!;
        var file = Path.Combine(Path.GetTempPath(), $"sandbox-qr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, await shopper.Http.GetByteArrayAsync(image));
        try
        {
            Assert.Equal(upstream.LpaString, await Zbar.DecodeAsync(file));
        }
        finally { File.Delete(file); }

        var text = await shopper.Http.GetStringAsync(link.GetAttribute("href") + "?text=true");
        Assert.Contains(upstream.LpaString!.Split('$')[2], text);
    }
}
