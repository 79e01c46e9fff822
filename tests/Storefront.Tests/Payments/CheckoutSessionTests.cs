using System.Net;
using System.Text.Json;
using Stripe.Checkout;

namespace Storefront.Tests.Payments;

public class CheckoutSessionTests
{
    [Fact]
    public async Task Created_session_is_open_with_a_hosted_url_under_the_request_host_and_prefix()
    {
        await using var sandbox = await StripeSandbox.StartAsync();

        var session = await sandbox.CreateSessionAsync();

        Assert.StartsWith("cs_test_", session.Id);
        Assert.Equal("open", session.Status);
        Assert.Equal("unpaid", session.PaymentStatus);
        Assert.Equal(1999 + 2 * 750, session.AmountTotal);
        Assert.Equal("eur", session.Currency);
        Assert.Null(session.PaymentIntentId);
        Assert.Equal("42", session.Metadata["order_id"]);
        Assert.Equal("order_42", session.ClientReferenceId);
        Assert.Equal(StripeSandbox.SuccessUrl, session.SuccessUrl);
        Assert.Equal(new Uri(sandbox.ApiBase, $"c/pay/{session.Id}").ToString(), session.Url);
        Assert.StartsWith("req_", session.StripeResponse.RequestId);
    }

    [Fact]
    public async Task Paid_session_is_complete_with_a_succeeded_payment_intent()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var created = await sandbox.CreateSessionAsync();

        var paid = await sandbox.PayAsync(created.Id, card: "4242 4242 4242 4242");
        var session = await sandbox.GetSessionAsync(created.Id, "payment_intent", "line_items");

        Assert.Equal("succeeded", paid.Outcome);
        Assert.Equal($"https://shop.example/checkout/success?session_id={created.Id}", paid.RedirectUrl);
        Assert.Equal("complete", session.Status);
        Assert.Equal("paid", session.PaymentStatus);
        Assert.Null(session.Url);
        Assert.Equal("traveller@example.com", session.CustomerDetails!.Email);
        var paymentIntent = session.PaymentIntent!;
        Assert.Equal("succeeded", paymentIntent.Status);
        Assert.Equal(session.AmountTotal, paymentIntent.AmountReceived);
        Assert.Equal("42", paymentIntent.Metadata["order_id"]);
        Assert.StartsWith("ch_", paymentIntent.LatestChargeId);
        Assert.Equal(["Europe 10 GB · 30 days", "Japan 3 GB · 7 days"], session.LineItems!.Data.Select(item => item.Description));
        Assert.Equal(2, session.LineItems.Data[1].Quantity);
    }

    [Fact]
    public async Task Declined_card_leaves_session_open_and_sends_no_checkout_event()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var created = await sandbox.CreateSessionAsync();

        var declined = await sandbox.PayAsync(created.Id, card: "4000000000000002");
        var session = await sandbox.GetSessionAsync(created.Id, "payment_intent");

        Assert.Equal("declined", declined.Outcome);
        Assert.Equal("Your card was declined.", declined.Error!.Message);
        Assert.Equal("generic_decline", declined.Error.DeclineCode);
        Assert.Equal("open", session.Status);
        Assert.NotNull(session.Url);
        var paymentIntent = session.PaymentIntent!;
        Assert.Equal("requires_payment_method", paymentIntent.Status);
        Assert.Equal("card_declined", paymentIntent.LastPaymentError!.Code);
        Assert.Equal(
            [Stripe.EventTypes.PaymentIntentCreated, Stripe.EventTypes.ChargeFailed, Stripe.EventTypes.PaymentIntentPaymentFailed],
            EventTypes(sandbox));
    }

    [Fact]
    public async Task Customer_can_pay_after_a_decline_with_another_card()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var created = await sandbox.CreateSessionAsync();

        var declined = await sandbox.PayAsync(created.Id, card: "4000000000009995");
        var paid = await sandbox.PayAsync(created.Id, card: "5555555555554444");
        var session = await sandbox.GetSessionAsync(created.Id);

        Assert.Equal("insufficient_funds", declined.Error!.DeclineCode);
        Assert.Equal("succeeded", paid.Outcome);
        Assert.Equal("paid", session.PaymentStatus);
        Assert.Equal(
            [
                Stripe.EventTypes.PaymentIntentCreated, Stripe.EventTypes.ChargeFailed, Stripe.EventTypes.PaymentIntentPaymentFailed,
                Stripe.EventTypes.ChargeSucceeded, Stripe.EventTypes.PaymentIntentSucceeded, Stripe.EventTypes.CheckoutSessionCompleted,
            ],
            EventTypes(sandbox));
    }

    [Fact]
    public async Task Card_asking_for_authentication_pays_only_once_the_challenge_is_completed()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var created = await sandbox.CreateSessionAsync();

        var challenged = await sandbox.PayAsync(created.Id, card: "4000002500003155");
        var failed = await sandbox.PayAsync(created.Id, card: "4000002500003155", threeDs: "fail");
        var completed = await sandbox.PayAsync(created.Id, card: "4000002500003155", threeDs: "complete");

        Assert.Equal("requires_action", challenged.Outcome);
        Assert.Equal("payment_intent_authentication_failure", failed.Error!.Code);
        Assert.Equal("succeeded", completed.Outcome);
    }

    [Fact]
    public async Task Expired_session_cannot_be_paid_or_expired_again()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var created = await sandbox.CreateSessionAsync();

        var expired = await sandbox.Sessions.ExpireAsync(created.Id, null, StripeSandbox.NewKey());
        var payment = await sandbox.PayAsync(created.Id);
        var again = await Assert.ThrowsAsync<Stripe.StripeException>(() => sandbox.Sessions.ExpireAsync(created.Id, null, StripeSandbox.NewKey()));

        Assert.Equal("expired", expired.Status);
        Assert.Null(expired.Url);
        Assert.Equal("not_open", payment.Outcome);
        Assert.Equal(HttpStatusCode.BadRequest, again.HttpStatusCode);
        Assert.Equal("invalid_request_error", again.StripeError.Type);
        Assert.Equal([Stripe.EventTypes.CheckoutSessionExpired], EventTypes(sandbox));
    }

    [Fact]
    public async Task Session_past_expires_at_expires_when_next_read_and_cancels_its_payment_intent()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var sandbox = await StripeSandbox.StartAsync(time: clock);
        var order = StripeSandbox.ESimOrder();
        var created = await sandbox.CreateSessionAsync(new SessionCreateOptions
        {
            Mode = "payment",
            LineItems = order.LineItems,
            SuccessUrl = order.SuccessUrl,
            ExpiresAt = clock.GetUtcNow().AddMinutes(45).UtcDateTime,
        });
        await sandbox.PayAsync(created.Id, card: "4000000000000002");

        clock.Advance(TimeSpan.FromMinutes(46));
        var session = await sandbox.GetSessionAsync(created.Id, "payment_intent");
        await sandbox.GetSessionAsync(created.Id);

        Assert.Equal("expired", session.Status);
        Assert.Equal("canceled", session.PaymentIntent!.Status);
        Assert.Single(EventTypes(sandbox), Stripe.EventTypes.CheckoutSessionExpired);
    }

    [Fact]
    public async Task Expiry_outside_thirty_minutes_to_a_day_is_rejected_on_expires_at()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var order = StripeSandbox.ESimOrder();

        var error = await Assert.ThrowsAsync<Stripe.StripeException>(() => sandbox.CreateSessionAsync(
            new SessionCreateOptions { Mode = "payment", LineItems = order.LineItems, SuccessUrl = order.SuccessUrl, ExpiresAt = DateTime.UtcNow.AddMinutes(5) }));

        Assert.Equal("expires_at", error.StripeError.Param);
    }

    [Fact]
    public async Task Unknown_session_is_resource_missing()
    {
        await using var sandbox = await StripeSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<Stripe.StripeException>(() => sandbox.GetSessionAsync("cs_test_nope"));

        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatusCode);
        Assert.Equal("resource_missing", error.StripeError.Code);
        Assert.Equal("invalid_request_error", error.StripeError.Type);
        Assert.StartsWith("req_", error.StripeResponse.RequestId);
    }

    [Fact]
    public async Task Unknown_parameter_is_rejected_with_its_full_name()
    {
        await using var sandbox = await StripeSandbox.StartAsync();

        using var response = await sandbox.PostFormAsync("v1/checkout/sessions",
            "mode=payment&line_items[0][price_data][currency]=eur&line_items[0][price_data][unit_amount]=100"
            + "&line_items[0][price_data][product_data][name]=Plan&line_items[0][quantity]=1&line_items[0][colour]=red"
            + "&success_url=https%3A%2F%2Fshop.example%2Fok");
        var error = await ErrorOf(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("parameter_unknown", error.GetProperty("code").GetString());
        Assert.Equal("line_items[0][colour]", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Missing_parameter_is_parameter_missing()
    {
        await using var sandbox = await StripeSandbox.StartAsync();

        using var response = await sandbox.PostFormAsync("v1/checkout/sessions", "mode=payment&success_url=https%3A%2F%2Fshop.example%2Fok");
        var error = await ErrorOf(response);

        Assert.Equal("parameter_missing", error.GetProperty("code").GetString());
        Assert.Equal("line_items", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Array_parameters_may_use_empty_brackets_and_basic_auth()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var created = await sandbox.CreateSessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/checkout/sessions/{created.Id}?expand[]=line_items");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("sk_test_123:"u8.ToArray()));

        using var response = await sandbox.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, json.RootElement.GetProperty("line_items").GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer sk_live_123")]
    [InlineData("Bearer pk_test_123")]
    public async Task Requests_without_a_test_secret_key_are_401(string? authorization)
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/checkout/sessions");
        request.Headers.Authorization = null;
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var client = new HttpClient { BaseAddress = sandbox.ApiBase };

        using var response = await client.SendAsync(request);
        var error = await ErrorOf(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.True(response.Headers.Contains("Request-Id"));
    }

    [Fact]
    public async Task Sessions_list_newest_first_and_filter_by_payment_intent()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var first = await sandbox.CreateSessionAsync();
        var second = await sandbox.CreateSessionAsync();
        await sandbox.PayAsync(first.Id);
        var paymentIntent = (await sandbox.GetSessionAsync(first.Id)).PaymentIntentId;

        using var all = JsonDocument.Parse(await sandbox.Http.GetStringAsync("v1/checkout/sessions?limit=1"));
        using var filtered = JsonDocument.Parse(await sandbox.Http.GetStringAsync($"v1/checkout/sessions?payment_intent={paymentIntent}"));

        Assert.Equal(second.Id, all.RootElement.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.True(all.RootElement.GetProperty("has_more").GetBoolean());
        Assert.Equal(first.Id, Assert.Single(filtered.RootElement.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
    }

    internal static List<string> EventTypes(StripeSandbox sandbox) =>
        [.. sandbox.State.Events(null).Select(e => e["type"]!.GetValue<string>())];

    internal static async Task<JsonElement> ErrorOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").Clone();
    }
}
