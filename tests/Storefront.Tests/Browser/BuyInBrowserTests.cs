using Microsoft.Playwright;
using Storefront.Domain;
using Storefront.Tests.Support;

namespace Storefront.Tests.Browser;

/// <summary>
/// A traveller buys a plan in a real Chromium: search, country page, checkout form, the Stripe simulator's hosted
/// page, and the success page that updates itself until the QR code shows. Screenshots of every page, on a desktop
/// and a phone viewport, go to artifacts/screenshots for people to look at.
/// </summary>
public sealed class BuyInBrowserTests
{
    [Theory]
    [InlineData("citrus", "Japan", "jp")]
    [InlineData("pressone", "France", "fr")]
    public async Task Traveller_buys_a_plan_through_the_stripe_page_and_sees_the_qr_code(string provider, string country, string iso2)
    {
        await using var store = await StoreFactory.StartAsync(settings: new Dictionary<string, string?> { ["Provider:Name"] = provider });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var shots = new Screenshots(provider);

        var desktop = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await desktop.GotoAsync(store.ServerAddress.ToString());
        await shots.TakeAsync(desktop, "home-desktop");
        await desktop.FillAsync("#q", country);
        await desktop.ClickAsync("form.search button[type=submit]");
        await desktop.WaitForURLAsync($"**/destinations/{iso2}");
        await Assertions.Expect(desktop.Locator("h1")).ToHaveTextAsync($"{country} eSIM");
        await shots.TakeAsync(desktop, "country-desktop");

        await desktop.Locator(".plan form button").Nth(1).ClickAsync();
        await desktop.FillAsync("#Email", "maria@example.com");
        await desktop.FillAsync("#ConfirmEmail", "maria@example.com");
        await desktop.FillAsync("#Name", "Maria Garcia");
        await shots.TakeAsync(desktop, "checkout-desktop");
        await desktop.ClickAsync("#pay");

        await desktop.WaitForURLAsync("**/sandbox/stripe/c/pay/**");
        await Assertions.Expect(desktop.Locator("#email")).ToHaveValueAsync("maria@example.com");
        await desktop.FillAsync("#card-number", "4000 0000 0000 0002");
        await desktop.FillAsync("#card-expiry", "12 / 34");
        await desktop.FillAsync("#card-cvc", "123");
        await desktop.FillAsync("#name", "Maria Garcia");
        await desktop.ClickAsync("#pay-button");
        await Assertions.Expect(desktop.Locator("#card-error")).ToContainTextAsync("Your card was declined.");
        await shots.TakeAsync(desktop, "stripe-declined-desktop");

        // Like Stripe, the page clears the card number and CVC after a decline.
        await desktop.FillAsync("#card-number", "4242 4242 4242 4242");
        await desktop.FillAsync("#card-cvc", "123");
        await desktop.ClickAsync("#pay-button");
        // The success page reloads itself once the eSIM is ready, so wait for the URL, not for its first document's load.
        await desktop.WaitForURLAsync("**/checkout/success?session_id=*", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(desktop.Locator("img#qr-1")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(desktop.Locator("#ios-install-1")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^https://esimsetup\\.apple\\.com/"));
        await Assertions.Expect(desktop.Locator("#code-1")).Not.ToBeEmptyAsync();
        await shots.TakeAsync(desktop, "success-desktop");
        var successUrl = desktop.Url;

        await desktop.ClickAsync("#order-link");
        await Assertions.Expect(desktop.Locator("#esim-status-1")).ToHaveTextAsync("Ready to install");
        await shots.TakeAsync(desktop, "order-desktop");
        var orderUrl = desktop.Url;

        var order = await store.WithDbAsync(db => Task.FromResult(db.Orders.Single()));
        Assert.Equal(OrderStatus.Delivered, (await store.WaitForOrderAsync(order.Number, OrderStatus.Delivered)).Status);

        var phone = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        foreach (var (name, url) in new[] { ("home-phone", store.ServerAddress.ToString()), ("country-phone", store.ServerAddress + $"destinations/{iso2}"),
                     ("success-phone", successUrl), ("order-phone", orderUrl) })
        {
            await phone.GotoAsync(url);
            await shots.TakeAsync(phone, name);
        }
        var overflow = await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The order page fits a phone screen without sideways scrolling.");
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = TestEnvironment.ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"],
    });
}

/// <summary>Full-page screenshots written to artifacts/screenshots/&lt;set&gt;/.</summary>
public sealed class Screenshots(string set)
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(TestEnvironment.ScreenshotDirectory, set)).FullName;

    public Task TakeAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_directory, name + ".png"), FullPage = true });
}
