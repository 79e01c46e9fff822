using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Storefront.Infrastructure;
using Storefront.Tests.Support;

namespace Storefront.Tests.Email;

/// <summary>
/// The delivery email as a screen reader and a dark-mode mail client get it, checked on the HTML the store sent: a real
/// heading structure, a QR image whose text alternative points to the manual codes, install links that are links, and
/// every text colour explicit and readable (4.5:1) on its background, including with a reseller's light brand colours.
/// </summary>
public sealed partial class DeliveryEmailAccessibilityTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("#fde047", "#fef9c3")]
    public async Task Delivery_email_has_headings_alt_text_real_links_and_readable_explicit_colours(string? primary, string? accent)
    {
        var settings = new Dictionary<string, string?>();
        if (primary is not null) settings["Brand:PrimaryColor"] = primary;
        if (accent is not null) settings["Brand:AccentColor"] = accent;
        await using var store = await StoreFactory.StartAsync(settings: settings);
        using var shopper = new Shopper(store);

        var number = await shopper.BuyAsync("JP", 3);

        await store.WaitUntilAsync(_ => Task.FromResult(Directory.Exists(store.MailFolder) && Directory.GetFiles(store.MailFolder, "*.eml").Length > 0), "the delivery email");
        var mail = Directory.GetFiles(store.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Single(m => m.Subject!.Contains(number));
        var html = new HtmlParser().ParseDocument(mail.HtmlBody!);

        Assert.Equal("en", html.DocumentElement.GetAttribute("lang"));
        Assert.Contains("light", html.QuerySelector("meta[name=color-scheme]")?.GetAttribute("content"));
        var h1 = Assert.Single(html.QuerySelectorAll("h1"));
        Assert.StartsWith("Your eSIM is ready", h1.TextContent);
        Assert.Equal(["1. Scan this QR code", "2. Or install with one tap on this phone", "3. Or enter the details by hand"],
            html.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()));

        var qr = Assert.Single(html.QuerySelectorAll("img[src^='cid:']"));
        Assert.Contains("activation code", qr.GetAttribute("alt"));
        Assert.Equal("Install on iPhone", html.QuerySelector("a[href^='https://esimsetup.apple.com/']")?.TextContent);
        Assert.Equal("Install on Android", html.QuerySelector("a[href^='https://esimsetup.android.com/']")?.TextContent);
        Assert.Equal("View your order", html.QuerySelector($"a[href*='/orders/']")?.TextContent);

        foreach (var element in html.Body!.QuerySelectorAll("*").Where(e => e.ChildNodes.Any(n => n.NodeType == NodeType.Text && n.TextContent.Trim().Length > 0)))
        {
            var color = Inherited(element, ColorStyle());
            var background = Inherited(element, BackgroundStyle());
            Assert.True(color is not null && background is not null, $"<{element.LocalName}> \"{element.TextContent.Trim()}\" has no explicit colours.");
            var ratio = ColorContrast.Ratio(color!, background!);
            Assert.True(ratio >= ColorContrast.MinimumForText, $"<{element.LocalName}> \"{element.TextContent.Trim()}\": {color} on {background} is {ratio:0.00}:1.");
        }
    }

    /// <summary>The value of the nearest inline style (on the element or an ancestor) that <paramref name="pattern"/> finds.</summary>
    private static string? Inherited(IElement element, Regex pattern)
    {
        for (var e = element; e is not null; e = e.ParentElement)
            if (e.GetAttribute("style") is { } style && pattern.Match(style) is { Success: true } match)
                return match.Groups[1].Value.ToLowerInvariant();
        return null;
    }

    [GeneratedRegex(@"(?:^|;)\s*color:\s*(#[0-9a-fA-F]{6})")]
    private static partial Regex ColorStyle();

    [GeneratedRegex(@"(?:^|;)\s*background(?:-color)?:\s*(#[0-9a-fA-F]{6})")]
    private static partial Regex BackgroundStyle();
}
