using System.Net;
using Stripe;

namespace Storefront.Tests.Payments;

public class RefundTests
{
    [Fact]
    public async Task Full_refund_succeeds_and_marks_the_charge_refunded()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var paymentIntent = await PaidPaymentIntentAsync(sandbox);

        var refund = await sandbox.Refunds.CreateAsync(
            new RefundCreateOptions
            {
                PaymentIntent = paymentIntent.Id,
                Reason = RefundReasons.RequestedByCustomer,
                Metadata = new Dictionary<string, string> { ["refund_request"] = "7" },
            },
            StripeSandbox.NewKey());
        var charge = await ChargeAsync(sandbox, paymentIntent.Id);

        Assert.StartsWith("re_", refund.Id);
        Assert.Equal("succeeded", refund.Status);
        Assert.Equal(paymentIntent.Amount, refund.Amount);
        Assert.Equal(RefundReasons.RequestedByCustomer, refund.Reason);
        Assert.Equal(paymentIntent.Id, refund.PaymentIntentId);
        Assert.Equal("7", refund.Metadata["refund_request"]);
        Assert.True(charge.Refunded);
        Assert.Equal(paymentIntent.Amount, charge.AmountRefunded);
        Assert.Equal(refund.Id, Assert.Single(charge.Refunds!.Data).Id);
        Assert.Equal(refund.Id, (await sandbox.Refunds.GetAsync(refund.Id)).Id);
    }

    [Fact]
    public async Task Partial_refunds_add_up_until_the_charge_is_already_refunded()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var paymentIntent = await PaidPaymentIntentAsync(sandbox);

        await sandbox.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paymentIntent.Id, Amount = 1000 }, StripeSandbox.NewKey());
        var afterFirst = await ChargeAsync(sandbox, paymentIntent.Id);
        var rest = await sandbox.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paymentIntent.Id }, StripeSandbox.NewKey());
        var afterRest = await ChargeAsync(sandbox, paymentIntent.Id);
        var again = await Assert.ThrowsAsync<StripeException>(() => sandbox.Refunds.CreateAsync(
            new RefundCreateOptions { PaymentIntent = paymentIntent.Id }, StripeSandbox.NewKey()));

        Assert.False(afterFirst.Refunded);
        Assert.Equal(1000, afterFirst.AmountRefunded);
        Assert.Equal(paymentIntent.Amount - 1000, rest.Amount);
        Assert.True(afterRest.Refunded);
        Assert.Equal(HttpStatusCode.BadRequest, again.HttpStatusCode);
        Assert.Equal("charge_already_refunded", again.StripeError.Code);
    }

    [Fact]
    public async Task Refund_larger_than_what_remains_is_rejected_on_amount()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var paymentIntent = await PaidPaymentIntentAsync(sandbox);

        var error = await Assert.ThrowsAsync<StripeException>(() => sandbox.Refunds.CreateAsync(
            new RefundCreateOptions { PaymentIntent = paymentIntent.Id, Amount = paymentIntent.Amount + 1 }, StripeSandbox.NewKey()));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("amount", error.StripeError.Param);
        Assert.Equal("invalid_request_error", error.StripeError.Type);
    }

    [Fact]
    public async Task Payment_intent_without_a_successful_charge_cannot_be_refunded()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var session = await sandbox.CreateSessionAsync();
        await sandbox.PayAsync(session.Id, card: "4000000000000002");
        var paymentIntent = (await sandbox.GetSessionAsync(session.Id)).PaymentIntentId;

        var error = await Assert.ThrowsAsync<StripeException>(() => sandbox.Refunds.CreateAsync(
            new RefundCreateOptions { PaymentIntent = paymentIntent }, StripeSandbox.NewKey()));

        Assert.Equal("payment_intent", error.StripeError.Param);
    }

    [Fact]
    public async Task Refund_of_an_unknown_payment_intent_is_resource_missing()
    {
        await using var sandbox = await StripeSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => sandbox.Refunds.CreateAsync(
            new RefundCreateOptions { PaymentIntent = "pi_missing" }, StripeSandbox.NewKey()));

        Assert.Equal("resource_missing", error.StripeError.Code);
        Assert.Equal("payment_intent", error.StripeError.Param);
    }

    [Fact]
    public async Task Refund_events_carry_the_request_and_the_charge_before_the_refund()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var paymentIntent = await PaidPaymentIntentAsync(sandbox);
        var key = StripeSandbox.NewKey();

        var refund = await sandbox.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paymentIntent.Id, Amount = 500 }, key);
        var events = sandbox.State.Events(null).Select(e => EventUtility.ParseEvent(e.ToJsonString())).ToList();

        var created = Assert.Single(events, e => e.Type == EventTypes.RefundCreated);
        var refunded = Assert.Single(events, e => e.Type == EventTypes.ChargeRefunded);
        Assert.Equal(refund.Id, Assert.IsType<Refund>(created.Data.Object).Id);
        Assert.Equal(refund.StripeResponse.RequestId, created.Request.Id);
        Assert.Equal(key.IdempotencyKey, created.Request.IdempotencyKey);
        Assert.Equal(500, Assert.IsType<Charge>(refunded.Data.Object).AmountRefunded);
        Assert.Equal(0, Assert.IsType<Newtonsoft.Json.Linq.JObject>(refunded.Data.PreviousAttributes)["amount_refunded"]!.ToObject<long>());
    }

    internal static async Task<PaymentIntent> PaidPaymentIntentAsync(StripeSandbox sandbox)
    {
        var session = await sandbox.CreateSessionAsync();
        await sandbox.PayAsync(session.Id);
        var paid = await sandbox.GetSessionAsync(session.Id, "payment_intent");
        return paid.PaymentIntent!;
    }

    internal static async Task<Charge> ChargeAsync(StripeSandbox sandbox, string paymentIntentId) =>
        (await sandbox.PaymentIntents.GetAsync(paymentIntentId, new PaymentIntentGetOptions { Expand = ["latest_charge"] })).LatestCharge!;
}
