using Storefront.Providers;

namespace Storefront.Tests.Providers.Roamify;

public class WebhookDeliveryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Installing_and_using_an_esim_delivers_signed_status_and_usage_events()
    {
        await using var receiver = await RoamifyWebhookReceiver.StartAsync();
        await using var sandbox = await RoamifySandbox.StartAsync(o => o.WebhookUrl = receiver.Url.ToString());
        var esim = await sandbox.BuyAsync("esim-cambodia-7days-1gb-all");

        await sandbox.SimAsync($"esims/{esim.Iccid}/install");
        await sandbox.UseAsync(esim.Iccid, 300m);
        await sandbox.UseAsync(esim.Iccid, 500m);
        await sandbox.UseAsync(esim.Iccid, 300m);
        var events = await receiver.WaitForAsync(sandbox.Provider, e => e.Any(x => x.Kind == ProviderEventKind.Depleted));

        Assert.Equal([ProviderEventKind.Other, ProviderEventKind.Activated, ProviderEventKind.Other, ProviderEventKind.BalanceLow,
            ProviderEventKind.Depleted], events.Select(e => e.Kind));
        Assert.Equal(["esim.status", "esim.status", "esim.usage", "esim.usage", "esim.usage"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(esim.Iccid, e.Iccid));
        Assert.All(receiver.Received, r => Assert.Matches("^[0-9a-f]{64}$", r.Signature));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_delivery_answered_with_500_is_retried_three_times_at_most()
    {
        await using var receiver = await RoamifyWebhookReceiver.StartAsync();
        await using var sandbox = await RoamifySandbox.StartAsync(o => o.WebhookUrl = receiver.Url.ToString());
        var esim = await sandbox.BuyAsync("esim-cambodia-7days-1gb-all");
        receiver.FailNext(1000);

        await sandbox.SimAsync($"esims/{esim.Iccid}/revoke");
        await receiver.WaitForAsync(sandbox.Provider, _ => receiver.Received.Count >= 4);
        await Task.Delay(600);
        var delivery = (await sandbox.SimGetAsync("deliveries")).AsArray().Single()!;

        Assert.Equal(4, receiver.Received.Count);
        Assert.Equal("failed", (string?)delivery["status"]);
        Assert.Equal([500, 500, 500, 500], delivery["attempts"]!.AsArray().Select(a => (int?)a!["status_code"]));
    }

    [Fact]
    public async Task A_delivery_that_fails_once_is_delivered_on_its_retry_with_the_same_body()
    {
        await using var receiver = await RoamifyWebhookReceiver.StartAsync();
        await using var sandbox = await RoamifySandbox.StartAsync(o => o.WebhookUrl = receiver.Url.ToString());
        var esim = await sandbox.BuyAsync("esim-cambodia-7days-1gb-all");
        receiver.FailNext(1);

        await sandbox.ActivateAsync(esim.Iccid);
        var events = await receiver.WaitForAsync(sandbox.Provider, _ => receiver.Received.Count >= 3);
        var deliveries = (await sandbox.SimGetAsync("deliveries")).AsArray();

        Assert.Equal(2, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(3, receiver.Received.Count);
        Assert.All(deliveries, d => Assert.Equal("delivered", (string?)d!["status"]));
    }

    [Fact]
    public async Task Crossing_the_low_balance_threshold_delivers_a_partner_event_with_the_balance()
    {
        await using var receiver = await RoamifyWebhookReceiver.StartAsync();
        await using var sandbox = await RoamifySandbox.StartAsync(o =>
        {
            o.WebhookUrl = receiver.Url.ToString();
            o.StartingBalanceUsd = 110m;
            o.LowBalanceThresholdUsd = 100m;
        });

        await sandbox.BuyAsync("esim-japan-30days-10gb-all");
        var events = await receiver.WaitForAsync(sandbox.Provider, e => e.Count > 0);

        var low = Assert.Single(events);
        Assert.Equal((ProviderEventKind.ResellerBalanceLow, "partner.low_balance", 88m), (low.Kind, low.Type, low.ResellerBalanceUsd));
    }

    [Fact]
    public async Task An_activated_esim_reports_its_usage_every_four_hours_of_simulated_time()
    {
        await using var receiver = await RoamifyWebhookReceiver.StartAsync();
        await using var sandbox = await RoamifySandbox.StartAsync(o => o.WebhookUrl = receiver.Url.ToString());
        var esim = await sandbox.BuyAsync("esim-cambodia-7days-1gb-all");
        await sandbox.ActivateAsync(esim.Iccid);

        await sandbox.AdvanceAsync(TimeSpan.FromHours(4));
        await sandbox.AdvanceAsync(TimeSpan.FromHours(4));
        var events = await receiver.WaitForAsync(sandbox.Provider, e => e.Count(x => x.Type == "esim.usage") >= 2);

        Assert.Equal(2, events.Count(e => e.Type == "esim.usage"));
    }

    [Fact]
    public async Task Expiry_delivers_an_expired_status_event()
    {
        await using var receiver = await RoamifyWebhookReceiver.StartAsync();
        await using var sandbox = await RoamifySandbox.StartAsync(o =>
        {
            o.WebhookUrl = receiver.Url.ToString();
            o.UsageReportInterval = TimeSpan.FromDays(30);
        });
        var esim = await sandbox.BuyAsync("esim-cambodia-7days-1gb-all");
        await sandbox.ActivateAsync(esim.Iccid);

        await sandbox.AdvanceAsync(TimeSpan.FromDays(8));
        var events = await receiver.WaitForAsync(sandbox.Provider, e => e.Any(x => x.Kind == ProviderEventKind.Expired));

        Assert.Contains(events, e => e.Kind == ProviderEventKind.Expired && e.Iccid == esim.Iccid);
    }

    [Fact]
    public async Task Prefixed_event_types_from_the_docs_sample_handler_are_understood()
    {
        await using var receiver = await RoamifyWebhookReceiver.StartAsync();
        await using var sandbox = await RoamifySandbox.StartAsync(o =>
        {
            o.WebhookUrl = receiver.Url.ToString();
            o.PrefixedEsimEventTypes = true;
        });
        var esim = await sandbox.BuyAsync("esim-cambodia-7days-1gb-all");

        await sandbox.ActivateAsync(esim.Iccid);
        var events = await receiver.WaitForAsync(sandbox.Provider, e => e.Any(x => x.Kind == ProviderEventKind.Activated));

        Assert.Contains(events, e => e is { Kind: ProviderEventKind.Activated, Type: "esim.status" });
        Assert.Contains("\"event_type\":\"esim_status\"", System.Text.Encoding.UTF8.GetString(receiver.Received.First().Body));
    }

    [Fact]
    public async Task Events_are_recorded_without_a_webhook_url_and_can_be_sent_once_one_is_set()
    {
        await using var receiver = await RoamifyWebhookReceiver.StartAsync();
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-cambodia-7days-1gb-all");
        await sandbox.SimAsync($"esims/{esim.Iccid}/install");

        await sandbox.SimAsync("webhook", new { url = receiver.Url.ToString(), secret = "whsec_rotated" });
        await sandbox.ActivateAsync(esim.Iccid);
        await receiver.WaitForAsync(sandbox.Provider, _ => receiver.Received.Count >= 1);

        Assert.Equal(2, (await sandbox.SimGetAsync("events")).AsArray().Count);
        var (signature, body) = Assert.Single(receiver.Received);
        Assert.NotNull(sandbox.Provider.ParseWebhook(new Dictionary<string, string> { ["X-Roamify-Signature"] = signature! }, body, "whsec_rotated"));
        Assert.Empty(receiver.Events(sandbox.Provider));
    }
}
