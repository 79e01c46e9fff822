using System.Text.Json.Nodes;
using Storefront.Providers.Citrus;

namespace Storefront.Tests.Providers.Citrus;

public class WebhookDeliveryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Draining_usage_delivers_one_balance_low_and_then_balance_depleted_with_valid_signatures()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await sandbox.Provider.RegisterWebhookAsync(receiver.Url.ToString(),
            [CitrusEvents.EsimBalanceLow, CitrusEvents.EsimBalanceDepleted], None);
        var esim = await sandbox.ProvisionFundedAsync(18m);

        foreach (var usd in new[] { 10m, 4m, 1m, 1m, 5m }) await sandbox.UseAsync(esim.Iccid, usd);
        var events = await receiver.WaitForAsync(webhook.SigningSecret!, e => e.Any(x => x.Event == CitrusEvents.EsimBalanceDepleted));

        Assert.StartsWith("whsec_", webhook.SigningSecret);
        Assert.Equal([CitrusEvents.EsimBalanceLow, CitrusEvents.EsimBalanceDepleted], events.Select(e => e.Event));
        Assert.Equal(4m, events[0].Data.WalletBalanceUsd);
        Assert.Equal(esim.Iccid, events[0].Data.Iccid);
        Assert.Equal(0m, events[1].Data.WalletBalanceUsd);
        Assert.All(events, e => Assert.StartsWith("evt_", e.Id));
        Assert.All(receiver.Received, r => Assert.Matches("^[0-9a-f]{64}$", r.Signature));
        Assert.Equal(events.Count, receiver.Received.Count);
    }

    [Fact]
    public async Task A_fund_back_above_five_dollars_rearms_balance_low()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await sandbox.Client.RegisterWebhookAsync(receiver.Url.ToString(), [CitrusEvents.EsimBalanceLow], None);
        var esim = await sandbox.ProvisionFundedAsync(9m);

        await sandbox.UseAsync(esim.Iccid, 5m);
        await sandbox.Client.FundAsync(esim.Iccid, 9m, None);
        await sandbox.UseAsync(esim.Iccid, 10m);
        var events = await receiver.WaitForAsync(webhook.SigningSecret!, e => e.Count >= 2);

        Assert.Equal([4m, 3m], events.Select(e => e.Data.WalletBalanceUsd));
    }

    [Fact]
    public async Task Activation_is_delivered_with_its_time()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await sandbox.Client.RegisterWebhookAsync(receiver.Url.ToString(), ["*"], None);
        var esim = await sandbox.ProvisionFundedAsync(9m);

        await sandbox.SimAsync($"esim/{esim.Iccid}/activate");
        var events = await receiver.WaitForAsync(webhook.SigningSecret!, e => e.Any(x => x.Event == CitrusEvents.EsimActivated));

        var activated = Assert.Single(events, e => e.Event == CitrusEvents.EsimActivated);
        Assert.Equal((await sandbox.Client.GetEsimAsync(esim.Iccid, None)).ActivatedAt, activated.Data.ActivatedAt);
        Assert.Contains(events, e => e.Event == CitrusEvents.EsimProvisioned);
    }

    [Fact]
    public async Task A_delivery_answered_with_500_is_retried_until_it_succeeds()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await sandbox.Client.RegisterWebhookAsync(receiver.Url.ToString(), [CitrusEvents.EsimProvisioned], None);
        receiver.FailNext(2);

        await sandbox.Client.ProvisionAsync("order-1", null, None);
        var events = await receiver.WaitForAsync(webhook.SigningSecret!, _ => receiver.Received.Count >= 3);
        var delivery = (await sandbox.SimGetAsync("deliveries")).AsArray().Single()!;

        Assert.Equal(3, receiver.Received.Count);
        Assert.Single(events.Select(e => e.Id).Distinct());
        Assert.Equal("delivered", (string?)delivery["status"]);
        Assert.Equal([500, 500, 200], delivery["attempts"]!.AsArray().Select(a => (int?)a!["status_code"]));
    }

    [Fact]
    public async Task A_webhook_is_disabled_after_ten_consecutive_failures()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await sandbox.Client.RegisterWebhookAsync(receiver.Url.ToString(), [CitrusEvents.EsimProvisioned], None);
        receiver.FailNext(1000);

        for (var i = 0; i < 3; i++) await sandbox.Client.ProvisionAsync($"order-{i}", null, None);
        await receiver.WaitForAsync(webhook.SigningSecret!, _ => receiver.Received.Count >= 10);
        await Task.Delay(500);

        Assert.Equal(10, receiver.Received.Count);
        Assert.False(Assert.Single(await sandbox.Client.ListWebhooksAsync(None)).Active);
    }

    [Fact]
    public async Task Test_delivery_reaches_the_receiver_and_reports_its_status()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await sandbox.Client.RegisterWebhookAsync(receiver.Url.ToString(), ["*"], None);

        var result = await sandbox.Client.TestWebhookAsync(webhook.Id, None);

        Assert.Equal(new CitrusWebhookTestResult(true, 200), result);
        Assert.Equal(CitrusEvents.WebhookTest, Assert.Single(receiver.Events(webhook.SigningSecret!)).Event);
    }

    [Fact]
    public async Task Webhooks_are_listed_without_their_secret_and_can_be_deleted()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var webhook = await sandbox.Client.RegisterWebhookAsync("https://store.example/webhooks/citrus", [CitrusEvents.BalanceLow], None);

        var listed = Assert.Single(await sandbox.Client.ListWebhooksAsync(None));
        await sandbox.Client.DeleteWebhookAsync(webhook.Id, None);

        Assert.Equal(webhook.Id, listed.Id);
        Assert.IsNotType<CitrusWebhookRegistration>(listed);
        Assert.Empty(await sandbox.Client.ListWebhooksAsync(None));
    }

    [Fact]
    public async Task Plain_http_webhooks_outside_loopback_are_refused()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<CitrusApiException>(() =>
            sandbox.Client.RegisterWebhookAsync("http://store.example/webhooks/citrus", ["*"], None));

        Assert.Equal((400, CitrusErrorCodes.ValidationError), (error.HttpStatus, error.Code));
    }

    [Fact]
    public async Task Reseller_balance_crossing_its_threshold_delivers_balance_low()
    {
        await using var sandbox = await CitrusSandbox.StartAsync(o => o.StartingBalanceUsd = 11m);
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await sandbox.Client.RegisterWebhookAsync(receiver.Url.ToString(), [CitrusEvents.BalanceLow], None);

        await sandbox.Client.ProvisionAsync("order-1", null, None);
        var events = await receiver.WaitForAsync(webhook.SigningSecret!, e => e.Count > 0);

        Assert.Equal(9.25m, Assert.Single(events).Data.BalanceUsd);
    }

    [Fact]
    public async Task Without_realtime_usage_shows_only_at_the_next_report_and_not_while_paused_after_a_fund()
    {
        await using var sandbox = await CitrusSandbox.StartAsync(o => o.Realtime = false);
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await sandbox.Client.RegisterWebhookAsync(receiver.Url.ToString(), [CitrusEvents.EsimBalanceLow], None);
        var esim = await sandbox.ProvisionFundedAsync(9m);

        var afterFund = await sandbox.Client.GetEsimAsync(esim.Iccid, None);
        await sandbox.UseAsync(esim.Iccid, 6m);
        await sandbox.AdvanceAsync(TimeSpan.FromMinutes(10));
        var duringPause = await sandbox.Client.GetEsimAsync(esim.Iccid, None);
        await sandbox.AdvanceAsync(TimeSpan.FromMinutes(5));
        var afterPause = await sandbox.Client.GetEsimAsync(esim.Iccid, None);
        var events = await receiver.WaitForAsync(webhook.SigningSecret!, e => e.Count > 0);

        Assert.Equal(9m, afterFund.WalletBalanceUsd);
        Assert.Equal(9m, duringPause.WalletBalanceUsd);
        Assert.Equal(3m, afterPause.WalletBalanceUsd);
        Assert.Equal(6m, afterPause.TotalDataChargedUsd);
        Assert.Equal(3m, Assert.Single(events).Data.WalletBalanceUsd);
    }
}
