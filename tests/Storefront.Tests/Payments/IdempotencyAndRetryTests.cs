using System.Net;
using System.Net.Http.Json;
using Storefront.Payments;
using Storefront.Sandbox.Payments;
using Stripe;

namespace Storefront.Tests.Payments;

public class IdempotencyAndRetryTests
{
    [Fact]
    public async Task Same_key_replays_the_same_session()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var key = StripeSandbox.NewKey();

        var first = await sandbox.CreateSessionAsync(key: key);
        var second = await sandbox.CreateSessionAsync(key: key);

        Assert.Equal(first.Id, second.Id);
        Assert.False(Replayed(first));
        Assert.True(Replayed(second));
        Assert.Equal(key.IdempotencyKey, second.StripeResponse.IdempotencyKey);
    }

    [Fact]
    public async Task Replay_is_byte_for_byte_and_echoes_the_key()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        const string form = "payment_intent=pi_missing";

        using var first = await sandbox.PostFormAsync("v1/refunds", form, "refund-key");
        using var second = await sandbox.PostFormAsync("v1/refunds", form, "refund-key");

        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal("refund-key", second.Headers.GetValues("Idempotency-Key").Single());
        Assert.NotEqual(first.Headers.GetValues("Request-Id").Single(), second.Headers.GetValues("Request-Id").Single());
    }

    [Fact]
    public async Task Same_key_with_different_parameters_is_an_idempotency_error()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var key = StripeSandbox.NewKey();
        await sandbox.CreateSessionAsync(StripeSandbox.ESimOrder(email: "a@example.com"), key);

        var error = await Assert.ThrowsAsync<StripeException>(() => sandbox.CreateSessionAsync(StripeSandbox.ESimOrder(email: "b@example.com"), key));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("idempotency_error", error.StripeError.Type);
    }

    [Fact]
    public async Task Validation_errors_are_not_saved_against_the_key()
    {
        await using var sandbox = await StripeSandbox.StartAsync();

        using var invalid = await sandbox.PostFormAsync("v1/refunds", "amount=5", "key-1");
        using var corrected = await sandbox.PostFormAsync("v1/refunds", "payment_intent=pi_missing&amount=5", "key-1");

        Assert.Equal("parameter_missing", (await CheckoutSessionTests.ErrorOf(invalid)).GetProperty("code").GetString());
        Assert.Equal("resource_missing", (await CheckoutSessionTests.ErrorOf(corrected)).GetProperty("code").GetString());
        Assert.False(corrected.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Injected_500_is_retried_by_the_client_with_the_same_key()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        sandbox.State.AddFault(new SimulatorFault { Path = "/v1/checkout/sessions", Method = "POST", Effect = SimulatorFaultEffect.ServerError, Count = 2 });

        var session = await sandbox.CreateSessionAsync();

        Assert.Equal("open", session.Status);
        Assert.False(Replayed(session));
        Assert.Empty(sandbox.State.Faults.Pending());
    }

    [Fact]
    public async Task Server_error_that_says_do_not_retry_is_not_retried()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        sandbox.State.AddFault(new SimulatorFault { Path = "/v1/checkout/sessions", Effect = SimulatorFaultEffect.ServerError, ShouldRetry = false, Count = 3 });

        var error = await Assert.ThrowsAsync<StripeException>(() => sandbox.CreateSessionAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, error.HttpStatusCode);
        Assert.Equal("api_error", error.StripeError.Type);
        Assert.Equal(2, Assert.Single(sandbox.State.Faults.Pending()).Count);
    }

    [Fact]
    public async Task Lock_timeout_is_retried()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var paymentIntent = await RefundTests.PaidPaymentIntentAsync(sandbox);
        sandbox.State.AddFault(new SimulatorFault { Path = "/v1/refunds", Effect = SimulatorFaultEffect.LockTimeout });

        var refund = await sandbox.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paymentIntent.Id }, StripeSandbox.NewKey());

        Assert.Equal("succeeded", refund.Status);
    }

    [Fact]
    public async Task Rate_limit_is_not_retried_and_reads_as_a_rate_limit_error()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        sandbox.State.AddFault(new SimulatorFault { Path = "/v1/checkout/sessions/*", Effect = SimulatorFaultEffect.RateLimit, Count = 2 });

        var error = await Assert.ThrowsAsync<StripeException>(() => sandbox.GetSessionAsync("cs_test_x"));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.HttpStatusCode);
        Assert.Equal("rate_limit", error.StripeError.Code);
        Assert.Equal(1, Assert.Single(sandbox.State.Faults.Pending()).Count);
    }

    [Fact]
    public async Task Lost_response_is_retried_and_answered_with_the_replay()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var paymentIntent = await RefundTests.PaidPaymentIntentAsync(sandbox);
        using var fault = await sandbox.Http.PostAsJsonAsync("_sim/faults", new { path = "/v1/refunds", method = "POST", effect = "drop_response" });
        Assert.Equal(HttpStatusCode.Created, fault.StatusCode);

        var refund = await sandbox.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paymentIntent.Id, Amount = 300 }, StripeSandbox.NewKey());
        var charge = await RefundTests.ChargeAsync(sandbox, paymentIntent.Id);

        Assert.True(Replayed(refund));
        Assert.Equal(300, charge.AmountRefunded);
        Assert.Single(charge.Refunds!.Data);
    }

    [Fact]
    public async Task Lost_response_without_retries_leaves_the_outcome_unknown()
    {
        await using var sandbox = await StripeSandbox.StartAsync(maxNetworkRetries: 0);
        sandbox.State.AddFault(new SimulatorFault { Path = "/v1/checkout/sessions", Effect = SimulatorFaultEffect.DropResponse });

        // Stripe.net surfaces a lost response as the transport's exception, not as a StripeException with a status.
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.CreateSessionAsync());

        Assert.True(error.IsStripeFailure(CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_request_with_the_same_key_conflicts()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        sandbox.State.AddFault(new SimulatorFault { Path = "/v1/refunds", Effect = SimulatorFaultEffect.Delay, DelayMs = 1000 });

        var slow = sandbox.PostFormAsync("v1/refunds", "payment_intent=pi_missing", "same-key");
        await Task.Delay(300);
        using var concurrent = await sandbox.PostFormAsync("v1/refunds", "payment_intent=pi_missing", "same-key");
        using var first = await slow;

        Assert.Equal(HttpStatusCode.Conflict, concurrent.StatusCode);
        Assert.Equal("idempotency_key_in_use", (await CheckoutSessionTests.ErrorOf(concurrent)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
    }

    [Fact]
    public async Task Keys_older_than_a_day_are_forgotten()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var sandbox = await StripeSandbox.StartAsync(time: clock);
        var key = StripeSandbox.NewKey();

        var first = await sandbox.CreateSessionAsync(key: key);
        clock.Advance(TimeSpan.FromHours(24));
        var second = await sandbox.CreateSessionAsync(key: key);

        Assert.NotEqual(first.Id, second.Id);
        Assert.False(Replayed(second));
    }

    internal static bool Replayed(StripeEntity entity) =>
        entity.StripeResponse.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true";
}
