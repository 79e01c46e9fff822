using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain;
using Storefront.Features.Orders;
using Storefront.Features.Upstream;
using Storefront.Jobs;
using Storefront.Tests.Support;

namespace Storefront.Tests.Orders;

/// <summary>
/// A reseller balance upstream too low for a sale: the store does not start an order it cannot pay for (Citrus would
/// take the provision fee, then refuse the fund), stops or queues sales as staff chose, tells staff, and finishes the
/// held orders by itself once the balance is back, before their automatic refund.
/// </summary>
public sealed class UpstreamBalanceTests
{
    [Fact]
    public async Task With_sales_stopped_a_checkout_the_balance_cannot_cover_shows_a_clear_page_and_charges_nothing()
    {
        await using var store = await StoreFactory.StartAsync(settings: new Dictionary<string, string?> { ["Sandbox:Citrus:StartingBalanceUsd"] = "2" });
        using var shopper = new Shopper(store);
        var (sku, price) = await shopper.PickPlanAsync("JP", 3);

        var response = await shopper.SubmitCheckoutAsync(sku, price.ToString(CultureInfo.InvariantCulture), "kai@example.com", "kai@example.com", "Kai Sato");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = await Shopper.ParseAsync(response);
        Assert.Contains("cannot take orders for eSIMs right now", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Contains("You have not been charged", page.Body!.TextContent);
        // The order is stored before its payment session is opened: no order, no session.
        Assert.False(await store.WithDbAsync(db => db.Orders.AnyAsync(o => o.CustomerEmail == "kai@example.com")));
    }

    [Fact]
    public async Task A_queued_order_the_balance_cannot_cover_is_not_started_and_is_provisioned_once_the_balance_is_back()
    {
        await using var store = await StoreFactory.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Sandbox:Citrus:StartingBalanceUsd"] = "2",
            ["Store:WhenUpstreamBalanceShort"] = "Queue",
        });
        using var shopper = new Shopper(store);
        var citrus = new CitrusUpstream(store);
        var checkout = await shopper.StartCheckoutAsync("JP", 3, "kai@example.com", "Kai Sato");
        await shopper.PayAsync(checkout.SessionId, email: "kai@example.com");

        var held = await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.NeedsAttention);
        Assert.Equal(UpstreamBalance.AttentionReason, held.AttentionReason);
        Assert.Empty(await citrus.EsimsForAsync(checkout.OrderNumber));
        Assert.Equal(2m, await citrus.ResellerBalanceAsync());
        await store.WaitUntilAsync(_ => Task.FromResult(Mail(store).Any(m => m.Subject!.Contains("[Action needed]"))), "the staff alert");

        await SetBalanceAsync(store, 100m);
        await CheckBalanceAsync(store);

        var order = await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.Delivered);
        Assert.Single(await citrus.EsimsForAsync(checkout.OrderNumber));
        Assert.Equal(100m - CitrusUpstream.ProvisionFee - order.Plan.FundAmountUsd!.Value, await citrus.ResellerBalanceAsync());
        Assert.Contains(order.Events, e => e.Kind == "order.retry");
    }

    [Fact]
    public async Task An_order_refused_its_fund_for_want_of_balance_is_finished_on_the_same_esim_once_the_balance_is_back()
    {
        // The store counts no provision fee, so the balance passes its check and Citrus takes the fee, then refuses the fund:
        // the "$2 left" case, where an empty eSIM is left upstream.
        await using var store = await StoreFactory.StartAsync(settings: new Dictionary<string, string?> { ["Pricing:WalletProvisionFeeUsd"] = "0" });
        using var shopper = new Shopper(store);
        var citrus = new CitrusUpstream(store);
        var checkout = await shopper.StartCheckoutAsync("JP", 3, "kai@example.com", "Kai Sato");
        var fund = (await store.OrderAsync(checkout.OrderNumber)).Plan.FundAmountUsd!.Value;
        await SetBalanceAsync(store, fund + 1m);
        await shopper.PayAsync(checkout.SessionId, email: "kai@example.com");

        var held = await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.NeedsAttention);
        Assert.Equal(UpstreamBalance.AttentionReason, held.AttentionReason);
        var empty = Assert.Single(await citrus.EsimsForAsync(checkout.OrderNumber));

        await SetBalanceAsync(store, 100m);
        await CheckBalanceAsync(store);

        var order = await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.Delivered);
        Assert.Equal(empty.Iccid, Assert.Single(await citrus.EsimsForAsync(checkout.OrderNumber)).Iccid);
        Assert.Equal(100m - fund, await citrus.ResellerBalanceAsync());
        var esim = Assert.Single(order.Esims);
        Assert.Equal(1, esim.CreateAttempts);
        Assert.Equal(2, esim.AttachAttempts);
    }

    [Fact]
    public async Task The_reseller_balance_low_webhook_alerts_staff()
    {
        await using var store = await StoreFactory.StartAsync();
        await store.WaitUntilAsync(db => db.Settings.AnyAsync(s => s.Key == "webhooks:citrus:secret" && s.Value != ""), "the webhook registration");
        using var shopper = new Shopper(store);
        var checkout = await shopper.StartCheckoutAsync("JP", 3, "kai@example.com", "Kai Sato");
        var cost = (await store.OrderAsync(checkout.OrderNumber)).Plan.CostUsd;
        // Citrus sends balance.low when an order takes the balance under $10.
        await SetBalanceAsync(store, Math.Max(cost + 5m, 10.5m));
        await shopper.PayAsync(checkout.SessionId, email: "kai@example.com");
        await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.Delivered);

        await store.WaitUntilAsync(db => db.InboxEvents.AnyAsync(e => e.Type == "balance.low"), "the balance.low webhook");
        await store.WaitUntilAsync(_ => Task.FromResult(Mail(store).Any(m => m.Subject!.Contains("reseller balance"))), "the staff alert");
        var alert = Assert.Single(Mail(store), m => m.Subject!.Contains("reseller balance"));
        Assert.Equal("staff@wanderlink.example", Assert.Single(alert.To.Mailboxes).Address);
        Assert.Contains("[Action needed]", alert.Subject);
    }

    private static async Task SetBalanceAsync(StoreFactory store, decimal usd)
    {
        using var http = store.CreateBrowserClient();
        (await http.PostAsJsonAsync("/sandbox/citrus/__sim/account/balance", new Dictionary<string, decimal> { ["balance_usd"] = usd })).EnsureSuccessStatusCode();
    }

    /// <summary>What the recurring balance check does (every Jobs:ResellerBalanceCheckInterval), run now.</summary>
    private static async Task CheckBalanceAsync(StoreFactory store)
    {
        await using var scope = store.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ResellerBalanceCheck>().RunAsync(CancellationToken.None);
    }

    private static List<MimeKit.MimeMessage> Mail(StoreFactory store) => !Directory.Exists(store.MailFolder)
        ? []
        : Directory.GetFiles(store.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).ToList();
}
