using Microsoft.Playwright;
using Storefront.Tests.Support;

namespace Storefront.Tests.Browser;

/// <summary>
/// The store's Content-Security-Policy allows no inline script: a purchase in a real Chromium, through the Stripe
/// simulator's page and the self-updating success page, must run without a single violation. The success URL opened
/// in another browser (no payment cookie) shows no install details.
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests
{
    [Fact]
    public async Task Purchase_runs_under_the_content_security_policy_without_a_violation()
    {
        await using var store = await StoreFactory.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BuyInBrowserTests.LaunchAsync(playwright);
        var errors = new List<string>();
        var page = await Watched(browser, errors);

        await page.GotoAsync(store.ServerAddress + "destinations/jp");
        await page.Locator(".plan form button").First.ClickAsync();
        await BrowserCheckout.FillAndContinueAsync(page);
        await BrowserCheckout.PayAsync(page);
        await BrowserCheckout.WaitForSuccessPageAsync(page);
        await Assertions.Expect(page.Locator("#code-1")).Not.ToBeEmptyAsync(new() { Timeout = 30_000 });
        var successUrl = page.Url;
        await page.ClickAsync("#order-link");
        await Assertions.Expect(page.Locator("#esim-status-1")).ToHaveTextAsync("Ready to install");
        await page.GotoAsync(store.ServerAddress + "?q=japan");
        await page.FillAsync("#q", "jap");

        var elsewhere = await Watched(browser, errors);
        await elsewhere.GotoAsync(successUrl);
        await Assertions.Expect(elsewhere.Locator("#emailed-order-link")).ToBeVisibleAsync();
        Assert.Equal(0, await elsewhere.Locator("#code-1").CountAsync());

        Assert.True(errors.Count == 0, "Console errors or CSP violations:\n" + string.Join("\n", errors));
    }

    /// <summary>A page in a fresh context (its own cookies) whose console errors and CSP violation reports land in <paramref name="errors"/>.</summary>
    private static async Task<IPage> Watched(IBrowser browser, List<string> errors)
    {
        var context = await browser.NewContextAsync();
        // Injected by the browser itself, so the policy under test does not block it.
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
              console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.documentURI));
            """);
        var page = await context.NewPageAsync();
        // Failed loads are caught by status below; the console's own line for them also reports Chromium's request for
        // /favicon.ico, which the store does not have and which is not the page's.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                lock (errors) errors.Add($"{page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => { lock (errors) errors.Add($"{page.Url}: {error}"); };
        page.Response += (_, response) => { if (response.Status >= 400) lock (errors) errors.Add($"{response.Status} {response.Url}"); };
        return page;
    }
}
