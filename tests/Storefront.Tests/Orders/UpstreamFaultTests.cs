using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Tests.Support;

namespace Storefront.Tests.Orders;

/// <summary>
/// Passing upstream faults are retried; a definite refusal of a chargeable call is retried without the look-up that
/// an unknown outcome needs (docs/decisions/0003), so a rate limit is spent on the orders themselves.
/// </summary>
public sealed class UpstreamFaultTests
{
    [Fact]
    public async Task A_single_500_on_the_look_up_after_a_lost_response_is_retried_and_the_order_is_delivered()
    {
        await using var store = await StoreFactory.StartAsync(settings: new Dictionary<string, string?> { ["Citrus:ReadRetries"] = "0" });
        using var shopper = new Shopper(store);
        var citrus = new CitrusUpstream(store);
        await citrus.AddFaultAsync("esim/provision", "lost_response");
        await citrus.AddFaultAsync("esim/list", "error", status: 500, method: "GET");

        var number = await shopper.BuyAsync("IT", 1);

        var order = await store.OrderAsync(number);
        Assert.Single(await citrus.EsimsForAsync(number));
        Assert.Equal(1, Assert.Single(order.Esims).CreateAttempts);
        Assert.Null(order.AttentionReason);
    }

    [Fact]
    public async Task A_single_500_on_the_wallet_read_after_a_lost_fund_is_retried_and_funds_once()
    {
        await using var store = await StoreFactory.StartAsync(settings: new Dictionary<string, string?> { ["Citrus:ReadRetries"] = "0" });
        using var shopper = new Shopper(store);
        var citrus = new CitrusUpstream(store);
        await citrus.AddFaultAsync("esim/*/fund", "lost_response");
        await citrus.AddFaultAsync("esim/*", "error", status: 500, method: "GET");

        var number = await shopper.BuyAsync("ES", 5);

        var order = await store.OrderAsync(number);
        Assert.Equal(CitrusUpstream.StartingBalance - CitrusUpstream.ProvisionFee - order.Plan.FundAmountUsd!.Value, await citrus.ResellerBalanceAsync());
        Assert.Equal(1, Assert.Single(order.Esims).AttachAttempts);
    }

    [Fact]
    public async Task Rate_limited_provision_and_fund_are_sent_again_without_listing_or_reading_eSIMs_first()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var citrus = new CitrusUpstream(store);
        await citrus.AddFaultAsync("esim/provision", "error", count: 2, status: 429);
        await citrus.AddFaultAsync("esim/*/fund", "error", count: 1, status: 429);
        // Tripwires: a look-up now would be refused for good and put the order in "needs attention".
        await citrus.AddFaultAsync("esim/list", "error", count: 100, status: 401, method: "GET");
        await citrus.AddFaultAsync("esim/*", "error", count: 100, status: 401, method: "GET");

        var checkout = await shopper.StartCheckoutAsync("DE", 3, "li@example.com", "Li Wei");
        await shopper.PayAsync(checkout.SessionId, email: "li@example.com");
        var order = await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.Delivered);

        var esim = Assert.Single(order.Esims);
        Assert.Equal((3, 2), (esim.CreateAttempts, esim.AttachAttempts));
        Assert.DoesNotContain(order.Events, e => e.Kind == "upstream.found");
        Assert.Equal(CitrusUpstream.StartingBalance - CitrusUpstream.ProvisionFee - order.Plan.FundAmountUsd!.Value, await citrus.ResellerBalanceAsync());
    }

    [Fact]
    public async Task A_rate_limited_order_waits_out_the_upstreams_Retry_After()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var checkout = await shopper.StartCheckoutAsync("DE", 3, "li@example.com", "Li Wei");
        // The catalogue sync at start used this minute's one request, so provisioning is told to wait most of a minute.
        await new CitrusUpstream(store).SetRateLimitAsync(1);
        await shopper.PayAsync(checkout.SessionId, email: "li@example.com");

        await store.WaitUntilAsync(db => db.WorkItems.AnyAsync(w => w.Kind == "order.provision" && w.Attempts >= 1 && w.Status == WorkItemStatus.Pending), "the first rate-limited attempt");
        var item = await store.WithDbAsync(db => db.WorkItems.SingleAsync(w => w.Kind == "order.provision"));
        Assert.Contains("429", item.LastError);
        Assert.True(item.NextRunAt - DateTimeOffset.UtcNow > TimeSpan.FromSeconds(10), $"next attempt at {item.NextRunAt:O}");
    }
}
