using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Storefront.Sandbox.Payments;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Tests.Payments;

public class WebhookDeliveryTests
{
    [Fact]
    public async Task Payment_events_are_delivered_to_the_receiver_with_a_valid_signature()
    {
        await using var sandbox = await StripeSandbox.StartAsync(receiverStatus: _ => 200);
        var session = await sandbox.CreateSessionAsync();

        await sandbox.PayAsync(session.Id);
        var deliveries = await sandbox.Receiver!.WaitForAsync(d => d.Any(w => w.Event.Type == EventTypes.CheckoutSessionCompleted) && d.Count >= 4);

        var completed = deliveries.Single(d => d.Event.Type == EventTypes.CheckoutSessionCompleted);
        var verified = completed.Verified();
        Assert.Contains(",v0=", completed.Signature);
        Assert.Equal("Stripe/1.0 (+https://stripe.com/docs/webhooks)", completed.Headers["User-Agent"]);
        Assert.StartsWith("application/json", completed.Headers["Content-Type"]);
        var completedSession = Assert.IsType<Session>(verified.Data.Object);
        Assert.Equal(session.Id, completedSession.Id);
        Assert.Equal("paid", completedSession.PaymentStatus);
        Assert.Equal(StripeConfiguration.ApiVersion, verified.ApiVersion);
        Assert.Null(verified.Request.Id);
        string[] expected =
            [EventTypes.PaymentIntentCreated, EventTypes.ChargeSucceeded, EventTypes.PaymentIntentSucceeded, EventTypes.CheckoutSessionCompleted];
        Assert.Equal(expected.Order(), deliveries.Select(d => d.Event.Type).Order());
        Assert.All(sandbox.State.WebhookAttempts(), attempt => Assert.True(attempt.Succeeded));
    }

    [Fact]
    public async Task Failed_delivery_is_retried_with_the_same_bytes_and_a_fresh_signature()
    {
        await using var sandbox = await StripeSandbox.StartAsync(receiverStatus: n => n == 1 ? 500 : 200);
        var session = await sandbox.CreateSessionAsync();

        await sandbox.Sessions.ExpireAsync(session.Id, null, StripeSandbox.NewKey());
        var deliveries = await sandbox.Receiver!.WaitForAsync(d => d.Count >= 2);

        Assert.Equal(deliveries[0].Body, deliveries[1].Body);
        Assert.Equal(EventTypes.CheckoutSessionExpired, deliveries[1].Event.Type);
        Assert.Equal(deliveries[0].Event.Id, deliveries[1].Verified().Id);
        // The deliverer records an attempt once the receiver has answered, so the second record can trail its delivery.
        for (var i = 0; i < 50 && sandbox.State.WebhookAttempts().Count < 2; i++) await Task.Delay(100);
        var attempts = sandbox.State.WebhookAttempts();
        Assert.Equal([500, 200], attempts.Select(a => a.StatusCode));
        Assert.Equal([1, 2], attempts.Select(a => a.Attempt));
        using var stored = JsonDocument.Parse(sandbox.State.EventJson(deliveries[0].Event.Id)!);
        Assert.Equal(0, stored.RootElement.GetProperty("pending_webhooks").GetInt32());
        Assert.Equal(1, deliveries[0].Event.PendingWebhooks);
    }

    [Fact]
    public async Task Receiver_that_keeps_failing_gets_the_scheduled_retries_and_then_no_more()
    {
        await using var sandbox = await StripeSandbox.StartAsync(receiverStatus: _ => 503);
        var session = await sandbox.CreateSessionAsync();

        await sandbox.Sessions.ExpireAsync(session.Id, null, StripeSandbox.NewKey());
        await sandbox.Receiver!.WaitForAsync(d => d.Count >= 3);
        await Task.Delay(800);

        Assert.Equal(3, sandbox.Receiver.Deliveries.Count);
        using var attempts = JsonDocument.Parse(await sandbox.Http.GetStringAsync("_sim/webhooks/attempts"));
        Assert.All(attempts.RootElement.EnumerateArray(), a => Assert.False(a.GetProperty("succeeded").GetBoolean()));
    }

    [Fact]
    public async Task Event_snapshot_is_frozen_when_the_object_changes_later()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var paymentIntent = await RefundTests.PaidPaymentIntentAsync(sandbox);

        await sandbox.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paymentIntent.Id }, StripeSandbox.NewKey());
        var chargeSucceeded = sandbox.State.Events(EventTypes.ChargeSucceeded).Single();
        using var retrieved = JsonDocument.Parse(await sandbox.Http.GetStringAsync($"v1/events/{chargeSucceeded["id"]}"));

        var charge = retrieved.RootElement.GetProperty("data").GetProperty("object");
        Assert.Equal(0, charge.GetProperty("amount_refunded").GetInt64());
        Assert.False(charge.GetProperty("refunded").GetBoolean());
    }

    [Fact]
    public async Task Event_can_be_resent_on_request()
    {
        await using var sandbox = await StripeSandbox.StartAsync(receiverStatus: _ => 200);
        var session = await sandbox.CreateSessionAsync();
        await sandbox.Sessions.ExpireAsync(session.Id, null, StripeSandbox.NewKey());
        var first = (await sandbox.Receiver!.WaitForAsync(d => d.Count == 1))[0];

        using var resend = await sandbox.Http.PostAsync($"_sim/events/{first.Event.Id}/resend", null);
        var deliveries = await sandbox.Receiver.WaitForAsync(d => d.Count == 2);

        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        Assert.Equal(first.Event.Id, deliveries[1].Event.Id);
    }

    [Fact]
    public async Task Webhook_url_can_be_resolved_lazily()
    {
        Uri? url = null;
        await using var receiver = await WebhookReceiver.StartAsync(_ => 200);
        await using var sandbox = await StripeSandbox.StartAsync(configure: o => o.WebhookUrlResolver = () => url);
        var session = await sandbox.CreateSessionAsync();

        url = receiver.Url;
        await sandbox.Sessions.ExpireAsync(session.Id, null, StripeSandbox.NewKey());

        var delivered = (await receiver.WaitForAsync(d => d.Count == 1))[0];
        Assert.Equal(EventTypes.CheckoutSessionExpired, delivered.Event.Type);
    }

    [Fact]
    public async Task Faults_can_be_listed_and_cleared_over_http()
    {
        await using var sandbox = await StripeSandbox.StartAsync();

        await sandbox.Http.PostAsJsonAsync("_sim/faults", new { path = "/v1/*", effect = "server_error", should_retry = true, count = 3 });
        using var listed = JsonDocument.Parse(await sandbox.Http.GetStringAsync("_sim/faults"));
        await sandbox.Http.DeleteAsync("_sim/faults");

        var fault = Assert.Single(listed.RootElement.EnumerateArray());
        Assert.Equal("server_error", fault.GetProperty("effect").GetString());
        Assert.Equal(3, fault.GetProperty("count").GetInt32());
        Assert.Empty(sandbox.State.Faults.Pending());
    }
}
