using Microsoft.Playwright;

namespace Storefront.Tests.Browser;

/// <summary>The purchase steps several browser tests take the same way, from the checkout form to the success page.</summary>
public static class BrowserCheckout
{
    /// <summary>Fills the open checkout form and continues to the Stripe page.</summary>
    public static async Task FillAndContinueAsync(IPage page)
    {
        await page.FillAsync("#Email", "maria@example.com");
        await page.FillAsync("#ConfirmEmail", "maria@example.com");
        await page.FillAsync("#Name", "Maria Garcia");
        await page.ClickAsync("#pay");
        await page.WaitForURLAsync("**/sandbox/stripe/c/pay/**");
    }

    /// <summary>Pays on the Stripe page with <paramref name="card"/>.</summary>
    public static async Task PayAsync(IPage page, string card = "4242 4242 4242 4242")
    {
        await page.FillAsync("#card-number", card);
        await page.FillAsync("#card-expiry", "12 / 34");
        await page.FillAsync("#card-cvc", "123");
        await page.ClickAsync("#pay-button");
    }

    /// <summary>Waits for the success page; it updates itself once the eSIM is ready, so the URL is what to wait for.</summary>
    public static Task WaitForSuccessPageAsync(IPage page) =>
        page.WaitForURLAsync("**/checkout/success?session_id=*", new() { WaitUntil = WaitUntilState.Commit });
}
