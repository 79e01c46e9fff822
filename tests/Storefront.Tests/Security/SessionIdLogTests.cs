using Storefront.Domain;
using Storefront.Tests.Support;

namespace Storefront.Tests.Security;

/// <summary>A Checkout Session id opens the success page, so it is a key to the order: no log line may carry it.</summary>
public sealed class SessionIdLogTests
{
    [Fact]
    public async Task Whole_purchase_logs_name_the_order_and_never_the_checkout_session_id()
    {
        // Debug, so the store's own quieter lines are scanned too.
        await using var store = await StoreFactory.StartAsync(settings: new Dictionary<string, string?> { ["Serilog:MinimumLevel"] = "Debug" });
        using var shopper = new Shopper(store);

        var checkout = await shopper.StartCheckoutAsync();
        var paid = await shopper.PayAsync(checkout.SessionId);
        await shopper.GetPageAsync(new Uri(paid.RedirectUrl!).PathAndQuery);
        var order = await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.Delivered);
        await shopper.GetPageAsync($"/orders/{order.AccessToken}");
        await store.WaitForDueWorkAsync();

        Assert.Contains(store.Logs.Lines, l => l.Contains(order.Number, StringComparison.Ordinal));
        var leak = store.Logs.Lines.FirstOrDefault(l => l.Contains(checkout.SessionId, StringComparison.Ordinal));
        Assert.True(leak is null, $"A log line carries the Checkout Session id: {leak}");
        Assert.True(store.Logs.Lines.Count > 20, "The purchase was logged.");
    }
}
