using Storefront.Domain;
using Storefront.Providers;
using Microsoft.Playwright;

namespace Storefront.Tests.Browser;

/// <summary>
/// One page state the accessibility walk opens: the route it belongs to (as written in the store's routing table), a
/// name for the report and screenshots, how to reach it, and what to do on it before checking (e.g. submit a form).
/// </summary>
public sealed record WalkedPage(string Route, string Name, Func<WalkedStores, Task<string>> Url, Func<IPage, Task>? Act = null);

/// <summary>
/// THE list of the store's pages, walked by <see cref="AccessibilityWalkTests"/> at phone and desktop widths.
/// <see cref="AccessibilityWalkTests.Every_get_route_is_walked_or_excluded_with_a_reason"/> fails when a GET route of the
/// store is neither walked here nor excluded below, so a new page cannot be left out by accident.
/// </summary>
public static class CustomerPages
{
    public static readonly IReadOnlyList<WalkedPage> Walked =
    [
        new("/", "home", _ => Task.FromResult("/")),
        new("/destinations", "destinations", _ => Task.FromResult("/destinations")),
        new("/destinations/{iso2:length(2)}", "country", _ => Task.FromResult("/destinations/jp")),
        new("/checkout", "checkout", async s => $"/checkout?plan={await s.PlanSkuAsync()}"),
        new("/checkout", "checkout-errors", async s => $"/checkout?plan={await s.PlanSkuAsync()}",
            page => page.ClickAsync("#pay")),
        new("/sandbox/stripe/c/pay/{id}", "stripe-page", async s => (await s.AwaitingPaymentAsync()).PaymentPage.ToString()),
        new("/sandbox/stripe/c/pay/{id}", "stripe-declined", async s => (await s.AwaitingPaymentAsync()).PaymentPage.ToString(),
            async page =>
            {
                await BrowserCheckout.PayAsync(page, "4000 0000 0000 0002");
                await Assertions.Expect(page.Locator("#card-error")).ToBeVisibleAsync();
            }),
        new("/checkout/success", "success-waiting", async s => $"/checkout/success?session_id={(await s.AwaitingPaymentAsync()).SessionId}"),
        // Another browser with the success link (install details only go to the browser that paid).
        new("/checkout/success", "success-elsewhere", async s => $"/checkout/success?session_id={(await s.DeliveredAsync()).SessionId}"),
        // The browser that paid: it checks out and pays itself, so it holds the paying cookie.
        new("/checkout/success", "success-ready", async s => $"/checkout?plan={await s.PlanSkuAsync()}",
            async page =>
            {
                await BrowserCheckout.FillAndContinueAsync(page);
                await BrowserCheckout.PayAsync(page);
                await BrowserCheckout.WaitForSuccessPageAsync(page);
                await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("Your eSIM is ready", new() { Timeout = 30_000 });
            }),
        new("/orders/{token:length(43)}", "order-awaiting-payment", async s => $"/orders/{(await s.AwaitingPaymentAsync()).Token}"),
        new("/orders/{token:length(43)}", "order-abandoned", async s => $"/orders/{(await s.AbandonedAsync()).Token}"),
        new("/orders/{token:length(43)}", "order-delivered", async s => $"/orders/{(await s.DeliveredAsync()).Token}"),
        new("/orders/{token:length(43)}", "order-active", s => s.InUseOrderUrlAsync(EsimState.Active, 0.8m, 20)),
        new("/orders/{token:length(43)}", "order-running-low", s => s.InUseOrderUrlAsync(EsimState.Active, 0.1m, 20)),
        new("/orders/{token:length(43)}", "order-used-up", s => s.InUseOrderUrlAsync(EsimState.Depleted, 0m, 20)),
        new("/orders/{token:length(43)}", "order-expired", s => s.InUseOrderUrlAsync(EsimState.Expired, 0.3m, -1)),
        new("/orders/{token:length(43)}", "order-needs-attention", async s => await s.UndeliverableOrderUrlAsync(OrderStatus.NeedsAttention)),
        new("/orders/{token:length(43)}", "order-refunded", async s => await s.UndeliverableOrderUrlAsync(OrderStatus.Refunded)),
        new("/orders/{token:length(43)}/top-up", "top-up", async s => $"/orders/{(await s.DeliveredAsync()).Token}/top-up"),
        new("/orders/find", "find-order", _ => Task.FromResult("/orders/find")),
        new("/orders/find", "find-order-errors", _ => Task.FromResult("/orders/find"), page => page.ClickAsync("#find")),
        new("/orders/find", "find-order-sent", _ => Task.FromResult("/orders/find"),
            async page =>
            {
                await page.FillAsync("#Email", "maria@example.com");
                await page.ClickAsync("#find");
                await Assertions.Expect(page.Locator("#find-sent")).ToBeVisibleAsync();
            }),
        // A form POST over its rate limit, on a store that allows one per window.
        new("/orders/find", "too-many-requests", s => s.StrictFindOrderUrlAsync(),
            async page =>
            {
                for (var attempt = 0; attempt < 3 && await page.Locator("#too-many-requests").CountAsync() == 0; attempt++)
                {
                    if (await page.Locator("#find").CountAsync() == 0) await page.GotoAsync(new Uri(new Uri(page.Url), "/orders/find").ToString());
                    await page.FillAsync("#Email", "maria@example.com");
                    await page.ClickAsync("#find");
                    await page.WaitForLoadStateAsync();
                }
                await Assertions.Expect(page.Locator("#too-many-requests")).ToBeVisibleAsync();
            }),
        new("/", "catalog-loading", s => s.CatalogLoadingUrlAsync(),
            page => Assertions.Expect(page.Locator("#catalog-loading")).ToBeVisibleAsync()),
        new("/error/{code:int?}", "not-found", _ => Task.FromResult("/no-such-page")),
        new("/error/{code:int?}", "error", _ => Task.FromResult("/error")),
        new("/sandbox/mail", "sandbox-mail", async s => { await s.DeliveredAsync(); return "/sandbox/mail"; }),
        new("/sandbox/mail/{id}", "sandbox-mail-delivery-email", async s => await s.DeliveryEmailUrlAsync()),
    ];

    /// <summary>GET routes not walked, by route prefix, each with the reason.</summary>
    public static readonly IReadOnlyList<(string RoutePrefix, string Reason)> Excluded =
    [
        // The admin area's pages and exclusions: AdminPages.
        ("/orders/{token:length(43)}/status", "JSON that the order and success pages poll, not a page"),
        ("/healthz", "plain-text health checks for the load balancer"),
        ("/sandbox/mail/{id}/cid/", "the inline images of a sandbox email (the email itself is walked)"),
        ("/sandbox/stripe/v1/", "the Stripe simulator's JSON API"),
        ("/sandbox/stripe/_sim/", "the Stripe simulator's JSON test controls"),
        ("/sandbox/citrus/", "the Citrus provider simulator's JSON API"),
        ("/sandbox/cloudesim/", "the CloudeSim provider simulator's JSON API"),
        ("/sandbox/esimfly/", "the Esimfly provider simulator's JSON API"),
        ("/sandbox/roamify/", "the Roamify provider simulator's JSON API"),
        ("/sandbox/pressone/", "the PressOne provider simulator's JSON API"),
    ];
}
