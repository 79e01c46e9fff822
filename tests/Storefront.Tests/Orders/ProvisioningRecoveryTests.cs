using Storefront.Domain;
using Storefront.Features.Orders;
using Storefront.Features.Upstream;
using Storefront.Tests.Support;

namespace Storefront.Tests.Orders;

/// <summary>Chargeable upstream calls are never repeated blindly (docs/decisions/0003).</summary>
public sealed class ProvisioningRecoveryTests
{
    [Fact]
    public async Task Citrus_failure_after_provision_and_before_fund_resumes_with_fund_and_never_provisions_again()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var citrus = new CitrusUpstream(store);
        await citrus.AddFaultAsync("esim/*/fund", "error", count: 2, status: 503);

        var number = await shopper.BuyAsync("DE", 3);

        var order = await store.OrderAsync(number);
        var upstream = Assert.Single(await citrus.EsimsForAsync(number));
        Assert.Equal(CitrusUpstream.StartingBalance - CitrusUpstream.ProvisionFee - order.Plan.FundAmountUsd!.Value, await citrus.ResellerBalanceAsync());
        var esim = Assert.Single(order.Esims);
        Assert.Equal(upstream.Iccid, esim.Iccid);
        Assert.Equal(1, esim.CreateAttempts);
        Assert.Equal(3, esim.AttachAttempts);
    }

    [Fact]
    public async Task Lost_provision_response_is_found_by_reference_instead_of_provisioning_twice()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var citrus = new CitrusUpstream(store);
        await citrus.AddFaultAsync("esim/provision", "lost_response");

        var number = await shopper.BuyAsync("IT", 1);

        var order = await store.OrderAsync(number);
        Assert.Single(await citrus.EsimsForAsync(number));
        Assert.Equal(CitrusUpstream.StartingBalance - CitrusUpstream.ProvisionFee - order.Plan.FundAmountUsd!.Value, await citrus.ResellerBalanceAsync());
        Assert.Contains(order.Events, e => e.Kind == "upstream.found");
        Assert.Equal(1, Assert.Single(order.Esims).CreateAttempts);
    }

    [Fact]
    public async Task Lost_fund_response_is_found_on_the_wallet_instead_of_funding_twice()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var citrus = new CitrusUpstream(store);
        await citrus.AddFaultAsync("esim/*/fund", "lost_response");

        var number = await shopper.BuyAsync("ES", 5);

        var order = await store.OrderAsync(number);
        Assert.Single(await citrus.EsimsForAsync(number));
        Assert.Equal(CitrusUpstream.StartingBalance - CitrusUpstream.ProvisionFee - order.Plan.FundAmountUsd!.Value, await citrus.ResellerBalanceAsync());
        Assert.Equal(1, Assert.Single(order.Esims).AttachAttempts);
        Assert.Contains(order.Events, e => e.Kind == "upstream.found");
    }

    [Fact]
    public async Task Permanent_upstream_refusal_puts_the_order_in_needs_attention_and_tells_staff_and_customer()
    {
        await using var store = await StoreFactory.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Sandbox:Citrus:StartingBalanceUsd"] = "1",
            ["Store:WhenUpstreamBalanceShort"] = "Queue",
        });
        using var shopper = new Shopper(store);
        var checkout = await shopper.StartCheckoutAsync("TH", 3, "li@example.com", "Li Wei");
        await shopper.PayAsync(checkout.SessionId, email: "li@example.com");

        var order = await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.NeedsAttention);
        // The reseller balance cannot pay for it, so the order is held before any chargeable call (UpstreamBalanceTests).
        Assert.Equal(UpstreamBalance.AttentionReason, order.AttentionReason);
        await store.WaitUntilAsync(_ => Task.FromResult(Directory.Exists(store.MailFolder) && Directory.GetFiles(store.MailFolder, "*.eml").Length == 2), "two emails");
        var subjects = Directory.GetFiles(store.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).ToList();
        Assert.Contains(subjects, m => m.To.ToString().Contains("li@example.com") && m.Subject!.Contains("taking a little longer"));
        Assert.Contains(subjects, m => m.To.ToString().Contains("staff@wanderlink.example") && m.Subject!.Contains("[Action needed]"));
        Assert.Empty(await new CitrusUpstream(store).EsimsForAsync(checkout.OrderNumber));
    }

    [Fact]
    public async Task Order_still_undeliverable_after_the_grace_period_is_refunded_in_full_once()
    {
        await using var store = await StoreFactory.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Sandbox:Citrus:StartingBalanceUsd"] = "1",
            ["Store:WhenUpstreamBalanceShort"] = "Queue",
            ["Store:AutoRefundAfter"] = "00:00:01",
        });
        using var shopper = new Shopper(store);
        var checkout = await shopper.StartCheckoutAsync("TH", 3, "li@example.com", "Li Wei");
        await shopper.PayAsync(checkout.SessionId, email: "li@example.com");

        var order = await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.Refunded);
        Assert.Single(order.Events, e => e.Kind == "payment.refunded");
        var refunds = System.Text.Json.Nodes.JsonNode.Parse(await shopper.Http.GetStringAsync("/sandbox/stripe/_sim/events?type=charge.refunded"))!.AsArray();
        var charge = Assert.Single(refunds)!["data"]!["object"]!;
        Assert.Equal(order.PaymentIntentId, charge["payment_intent"]!.GetValue<string>());
        Assert.True(charge["refunded"]!.GetValue<bool>());
        await store.WaitUntilAsync(_ => Task.FromResult(Directory.GetFiles(store.MailFolder, "*.eml")
            .Any(f => MimeKit.MimeMessage.Load(f).Subject!.EndsWith("has been refunded"))), "the refund email");
        Assert.Empty(await new CitrusUpstream(store).EsimsForAsync(checkout.OrderNumber));
    }
}
