using System.Net;
using Storefront.Payments;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Tests.Payments;

/// <summary>
/// Stripe.net 53.1.0, as the store calls it, against the simulator: what the library sends (form encoding, expand,
/// idempotency keys, Stripe-Version) must be understood, and what the simulator answers and signs must be read and
/// verified by the library. The stripe-node twin of this is <see cref="StripeNodeConformanceTests"/>.
/// </summary>
public class StripeNetConformanceTests
{
    [Fact]
    public async Task Every_call_the_store_makes_is_understood_and_answered_in_the_pinned_version()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var key = StripeSandbox.Key("checkout:conformance:1");
        // Everything PaymentSessions sends: nested price data, metadata on two levels, expires_at, and a success URL
        // whose {CHECKOUT_SESSION_ID} template Stripe.net percent-encodes.
        var order = StripeSandbox.ESimOrder(metadata: new() { ["order_id"] = "42", ["order_number"] = "A 1/2 & co" });
        order.ExpiresAt = DateTime.UnixEpoch.AddSeconds(DateTimeOffset.UtcNow.AddHours(2).ToUnixTimeSeconds());
        order.Locale = "auto";

        var created = await sandbox.Sessions.CreateAsync(order, key);
        var replayed = await sandbox.Sessions.CreateAsync(order, key);
        var misused = await Assert.ThrowsAsync<StripeException>(() => sandbox.Sessions.CreateAsync(StripeSandbox.ESimOrder(email: "other@example.com"), key));

        Assert.Equal(key.IdempotencyKey, created.StripeResponse.IdempotencyKey);
        Assert.Equal(created.Id, replayed.Id);
        Assert.True(IdempotencyAndRetryTests.Replayed(replayed));
        Assert.Equal("idempotency_error", misused.StripeError.Type);
        Assert.Equal("A 1/2 & co", created.Metadata["order_number"]);
        Assert.Equal("42", created.Metadata["order_id"]);
        Assert.Equal(StripeSandbox.SuccessUrl, created.SuccessUrl);
        Assert.Equal(order.ExpiresAt, created.ExpiresAt);
        Assert.Equal(1999 + 2 * 750, created.AmountTotal);

        await sandbox.PayAsync(created.Id);
        var paid = await sandbox.GetSessionAsync(created.Id, "payment_intent", "line_items");
        Assert.Equal("paid", paid.PaymentStatus);
        Assert.Equal(paid.PaymentIntentId, paid.PaymentIntent.Id);
        Assert.Equal("42", paid.PaymentIntent.Metadata["order_id"]);
        Assert.Equal(2, paid.LineItems.Data.Count);

        // RefundUndeliverableHandler: a full refund with reason and metadata, keyed per order; then a partial one.
        var other = await sandbox.CreateSessionAsync();
        await sandbox.PayAsync(other.Id);
        var otherIntent = (await sandbox.GetSessionAsync(other.Id)).PaymentIntentId;
        var partial = await sandbox.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = otherIntent, Amount = 250 }, StripeSandbox.NewKey());
        var full = await sandbox.Refunds.CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = paid.PaymentIntentId,
            Reason = RefundReasons.RequestedByCustomer,
            Metadata = new Dictionary<string, string> { ["order_id"] = "42" },
        }, StripeSandbox.Key("refund:42"));
        var fullAgain = await sandbox.Refunds.CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = paid.PaymentIntentId,
            Reason = RefundReasons.RequestedByCustomer,
            Metadata = new Dictionary<string, string> { ["order_id"] = "42" },
        }, StripeSandbox.Key("refund:42"));

        Assert.Equal(250, partial.Amount);
        Assert.Equal(paid.AmountTotal, full.Amount);
        Assert.Equal("requested_by_customer", full.Reason);
        Assert.Equal(full.Id, fullAgain.Id);
        Assert.Equal("eur", full.Currency);

        // ExpireCheckoutHandler's read, after the expiry Stripe.net posts with no parameters.
        var third = await sandbox.CreateSessionAsync();
        var expired = await sandbox.Sessions.ExpireAsync(third.Id, null, StripeSandbox.NewKey());
        Assert.Equal("expired", expired.Status);
        Assert.Equal("expired", (await sandbox.GetSessionAsync(third.Id)).Status);

        // On the wire: the pinned version on every call, the caller's key on every POST, Rack-style nested keys.
        var sent = sandbox.Sent.ToList();
        Assert.All(sent, r => Assert.Equal(StripeConfiguration.ApiVersion, r.Headers["Stripe-Version"]));
        Assert.All(sent.Where(r => r.Method == "POST"), r => Assert.False(string.IsNullOrEmpty(r.Headers.GetValueOrDefault("Idempotency-Key"))));
        Assert.Equal(["checkout:conformance:1", "checkout:conformance:1", "checkout:conformance:1"],
            sent.Where(r => r.Path.EndsWith("/v1/checkout/sessions") && r.Method == "POST").Take(3).Select(r => r.Headers["Idempotency-Key"]));
        var createBody = sent.First(r => r.Method == "POST").Body;
        Assert.Contains("line_items[0][price_data][currency]=eur", createBody);
        Assert.Contains("payment_intent_data[metadata][order_id]=42", createBody);
        Assert.Contains("%7BCHECKOUT_SESSION_ID%7D", createBody);
        Assert.Contains(sent, r => r.Method == "GET" && r.Query.Contains("expand[0]=payment_intent") && r.Query.Contains("expand[1]=line_items"));
    }

    [Fact]
    public async Task Error_answers_become_stripe_exceptions_with_type_code_and_param()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var paymentIntent = await RefundTests.PaidPaymentIntentAsync(sandbox);

        var missing = await Assert.ThrowsAsync<StripeException>(() => sandbox.GetSessionAsync("cs_test_missing"));
        var notExpandable = await Assert.ThrowsAsync<StripeException>(() => sandbox.GetSessionAsync(paymentIntent.Id, "customer_colour"));
        var tooMuch = await Assert.ThrowsAsync<StripeException>(() => sandbox.Refunds.CreateAsync(
            new RefundCreateOptions { PaymentIntent = paymentIntent.Id, Amount = paymentIntent.Amount + 1 }, StripeSandbox.NewKey()));
        await sandbox.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paymentIntent.Id }, StripeSandbox.NewKey());
        var twice = await Assert.ThrowsAsync<StripeException>(() => sandbox.Refunds.CreateAsync(
            new RefundCreateOptions { PaymentIntent = paymentIntent.Id }, StripeSandbox.NewKey()));

        Assert.Equal((HttpStatusCode.NotFound, "invalid_request_error", "resource_missing"), (missing.HttpStatusCode, missing.StripeError.Type, missing.StripeError.Code));
        Assert.Equal(HttpStatusCode.BadRequest, notExpandable.HttpStatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "amount"), (tooMuch.HttpStatusCode, tooMuch.StripeError.Param));
        Assert.Equal("charge_already_refunded", twice.StripeError.Code);
        Assert.StartsWith("req_", twice.StripeResponse.RequestId);
        Assert.All([missing, notExpandable, tooMuch, twice], e => Assert.True(e.IsStripeFailure(CancellationToken.None)));
    }

    [Fact]
    public async Task Request_pinned_to_another_api_version_is_refused()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/checkout/sessions");
        request.Headers.Add("Stripe-Version", "2024-06-20.acacia");

        using var response = await sandbox.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(StripeConfiguration.ApiVersion, (await CheckoutSessionTests.ErrorOf(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Every_event_type_the_simulator_sends_verifies_with_construct_event_and_the_configured_secret()
    {
        await using var sandbox = await StripeSandbox.StartAsync(receiverStatus: _ => 200);

        var paid = await sandbox.CreateSessionAsync();
        await sandbox.PayAsync(paid.Id, card: "4000000000000002");
        await sandbox.PayAsync(paid.Id, card: "4000002500003155");
        await sandbox.PayAsync(paid.Id, card: "4000002500003155", threeDs: "complete");
        var paymentIntent = (await sandbox.GetSessionAsync(paid.Id)).PaymentIntentId;
        await sandbox.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paymentIntent, Amount = 100 }, StripeSandbox.NewKey());
        var abandoned = await sandbox.CreateSessionAsync();
        await sandbox.Sessions.ExpireAsync(abandoned.Id, null, StripeSandbox.NewKey());
        string[] expected =
        [
            EventTypes.PaymentIntentCreated, EventTypes.ChargeFailed, EventTypes.PaymentIntentPaymentFailed,
            EventTypes.PaymentIntentRequiresAction, EventTypes.ChargeSucceeded, EventTypes.PaymentIntentSucceeded,
            EventTypes.CheckoutSessionCompleted, EventTypes.RefundCreated, EventTypes.ChargeRefunded, EventTypes.CheckoutSessionExpired,
        ];
        var deliveries = await sandbox.Receiver!.WaitForAsync(d => expected.All(type => d.Any(w => w.Event.Type == type)));

        foreach (var delivery in deliveries)
        {
            // Default arguments: 300 s tolerance and a refusal of any api_version outside the pinned release.
            var verified = EventUtility.ConstructEvent(delivery.Json, delivery.Signature, StripeSandbox.WebhookSecret);
            Assert.Equal(StripeConfiguration.ApiVersion, verified.ApiVersion);
            Assert.NotNull(verified.Data.Object);
            Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(delivery.Json, delivery.Signature, "whsec_someone_else"));
        }
        Assert.Equal(expected.Order(), deliveries.Select(d => d.Event.Type).Distinct().Order());
        Assert.IsType<Session>(deliveries.First(d => d.Event.Type == EventTypes.CheckoutSessionCompleted).Verified().Data.Object);
        Assert.IsType<Refund>(deliveries.First(d => d.Event.Type == EventTypes.RefundCreated).Verified().Data.Object);
        Assert.IsType<Charge>(deliveries.First(d => d.Event.Type == EventTypes.ChargeRefunded).Verified().Data.Object);
    }
}
