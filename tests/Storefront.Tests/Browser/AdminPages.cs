using Microsoft.Playwright;
using Storefront.Features.Admin;

namespace Storefront.Tests.Browser;

/// <summary>
/// The admin area's pages, walked after <see cref="CustomerPages"/> by the same accessibility walk (and the same
/// route-coverage test). The sign-in page comes first, signed out; every later page signs in when the store sends it
/// to the sign-in page (the sandbox's demo admin), then is checked where the sign-in returns.
/// </summary>
public static class AdminPages
{
    public static readonly IReadOnlyList<WalkedPage> Walked =
    [
        new("/admin/signin", "admin-signin", _ => Task.FromResult("/admin/signin")),
        new("/admin/signin", "admin-signin-failed", _ => Task.FromResult("/admin/signin"),
            async page =>
            {
                await page.FillAsync("#Email", StaffAccounts.SandboxAdminEmail);
                await page.FillAsync("#Password", "not-the-password");
                await page.ClickAsync("#sign-in");
                await Assertions.Expect(page.Locator("#signin-failed")).ToBeVisibleAsync();
            }),
        new("/admin", "admin-home", _ => Task.FromResult("/admin"), SignInIfAskedAsync),
        new("/admin/orders", "admin-orders", async s => { await s.DeliveredAsync(); return "/admin/orders"; }, SignInIfAskedAsync),
        new("/admin/orders", "admin-orders-attention", _ => Task.FromResult("/admin/orders?attention=true"), SignInIfAskedAsync),
        new("/admin/orders", "admin-orders-no-match", _ => Task.FromResult("/admin/orders?q=nobody%40example.com"), SignInIfAskedAsync),
        new("/admin/orders/{number}", "admin-order-delivered", async s => $"/admin/orders/{(await s.DeliveredAsync()).Number}", SignInIfAskedAsync),
        new("/admin/orders/{number}", "admin-order-awaiting-payment", async s => $"/admin/orders/{(await s.AwaitingPaymentAsync()).Number}", SignInIfAskedAsync),
    ];

    /// <summary>GET routes under /admin not walked, by route prefix, each with the reason.</summary>
    public static readonly IReadOnlyList<(string RoutePrefix, string Reason)> Excluded =
    [
        ("/admin/jobs", "the Hangfire dashboard: third-party pages, behind the admin sign-in"),
        ("/admin/orders/export.csv", "a CSV download, not a page"),
    ];

    /// <summary>Signs in as the sandbox's demo admin when the page is the sign-in form, and waits to be sent back.</summary>
    public static async Task SignInIfAskedAsync(IPage page)
    {
        if (!new Uri(page.Url).AbsolutePath.Equals("/admin/signin", StringComparison.Ordinal)) return;
        await page.FillAsync("#Email", StaffAccounts.SandboxAdminEmail);
        await page.FillAsync("#Password", StaffAccounts.SandboxAdminPassword);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/admin/signin", StringComparison.Ordinal));
    }
}
