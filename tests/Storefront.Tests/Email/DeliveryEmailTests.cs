using System.Net.Http.Json;
using System.Text.Json;
using Storefront.Tests.Support;

namespace Storefront.Tests.Email;

/// <summary>The delivery email over real SMTP (maildev): branded HTML and text, QR inline by cid, decodable.</summary>
public sealed class DeliveryEmailTests
{
    [Fact]
    public async Task Delivery_email_reaches_the_smtp_server_with_a_qr_code_that_decodes_to_the_activation_code()
    {
        await using var store = await StoreFactory.StartAsync(mail: TestMail.Maildev);
        using var shopper = new Shopper(store);
        var email = $"traveller-{Guid.NewGuid():N}@example.com";

        var number = await shopper.BuyAsync("JP", 3, email);

        var upstream = Assert.Single(await new CitrusUpstream(store).EsimsForAsync(number));
        using var maildev = new HttpClient { BaseAddress = TestEnvironment.MaildevApi };
        var message = await WaitForMessageAsync(maildev, email);
        Assert.Contains(number, message.GetProperty("subject").GetString());
        Assert.Equal("orders@wanderlink.example", message.GetProperty("from")[0].GetProperty("address").GetString());
        Assert.Contains("support@wanderlink.example", message.GetProperty("headers").GetProperty("reply-to").GetString());

        var html = message.GetProperty("html").GetString()!;
        var text = message.GetProperty("text").GetString()!;
        var matchingId = upstream.LpaString!.Split('$')[2];
        Assert.Contains("Wanderlink", html);
        Assert.Contains("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=" + Uri.EscapeDataString(upstream.LpaString), html.Replace("&amp;", "&"));
        Assert.Contains(matchingId, text);
        Assert.Contains("sim-smdp.citrus.test", text);
        Assert.Contains("/orders/", text);

        var qr = message.GetProperty("attachments").EnumerateArray().Single(a => a.GetProperty("contentType").GetString() == "image/png");
        Assert.Contains($"cid:{qr.GetProperty("contentId").GetString()}", html);
        var png = await maildev.GetByteArrayAsync($"email/{message.GetProperty("id").GetString()}/attachment/{qr.GetProperty("generatedFileName").GetString()}");
        var file = Path.Combine(Path.GetTempPath(), $"mail-qr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, png);
        try
        {
            Assert.Equal(upstream.LpaString, await Zbar.DecodeAsync(file));
        }
        finally { File.Delete(file); }
    }

    private static async Task<JsonElement> WaitForMessageAsync(HttpClient maildev, string to)
    {
        for (var i = 0; i < 100; i++)
        {
            var all = await maildev.GetFromJsonAsync<JsonElement>("email");
            foreach (var message in all.EnumerateArray())
                if (message.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == to))
                    return message;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No email to {to} reached maildev.");
    }
}
