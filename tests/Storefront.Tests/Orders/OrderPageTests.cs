using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Providers;
using Storefront.Tests.Support;

namespace Storefront.Tests.Orders;

/// <summary>
/// The order page (opened from the email, reloaded while travelling) and the success page once the eSIM is ready show
/// what the store has stored: no call to the provider or to Stripe per view.
/// </summary>
public sealed class OrderPageTests
{
    [Fact]
    public async Task Order_and_success_pages_show_the_stored_usage_and_make_no_upstream_calls()
    {
        await using var store = await StoreFactory.StartAsync(settings: new Dictionary<string, string?>
        {
            // No scheduled upstream reads during the views: any call counted below would come from a page.
            ["Jobs:UsageRefreshInterval"] = "1.00:00:00",
            ["Jobs:CatalogSyncInterval"] = "1.00:00:00",
            ["Jobs:ResellerBalanceCheckInterval"] = "1.00:00:00",
        });
        using var shopper = new Shopper(store);
        var checkout = await shopper.StartCheckoutAsync("JP", 3);
        Assert.Equal("succeeded", (await shopper.PayAsync(checkout.SessionId)).Outcome);
        var order = await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.Delivered);
        // A reading the simulator does not share (it still has the whole wallet): the pages must show this one.
        await store.WithDbAsync(async db =>
        {
            var esim = await db.Esims.Include(e => e.Packages).SingleAsync(e => e.OrderId == order.Id);
            esim.Apply(new EsimReading(esim.Iccid!, EsimState.Active, 1.23m, null, null, DateTimeOffset.UtcNow.AddDays(-1), null, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        await store.WaitForDueWorkAsync();
        await Task.Delay(500);
        int UpstreamCalls() => store.Logs.Lines.Count(l => l.Contains("HTTP ") && (l.Contains(" /sandbox/citrus/") || l.Contains(" /sandbox/stripe/v1/")));
        var before = UpstreamCalls();

        for (var i = 0; i < 3; i++)
        {
            var page = await shopper.GetPageAsync($"/orders/{order.AccessToken}");
            Assert.StartsWith("$1.23 of $", page.QuerySelector("#balance-1")!.TextContent);
            Assert.StartsWith("data:image/png;base64,", page.QuerySelector("#qr-1")!.GetAttribute("src"));
            var success = await shopper.GetPageAsync($"/checkout/success?session_id={checkout.SessionId}");
            Assert.Equal("Your eSIM is ready", success.QuerySelector("#page-title")!.TextContent);
            Assert.StartsWith("$1.23 of $", success.QuerySelector("#balance-1")!.TextContent);
            (await shopper.Http.GetAsync($"/orders/{order.AccessToken}/status")).EnsureSuccessStatusCode();
        }

        Assert.True(before >= 2, "Buying the eSIM called Stripe and Citrus.");
        Assert.Equal(before, UpstreamCalls());
    }
}
