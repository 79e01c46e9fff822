using Storefront.Payments;

namespace Storefront.Tests.Payments;

public class RefundTests
{
    [Fact]
    public async Task Full_refund_succeeds_and_marks_the_charge_refunded()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var paymentIntent = await PaidPaymentIntentAsync(sandbox);

        var refund = await sandbox.Client.CreateRefundAsync(
            new CreateRefundRequest
            {
                PaymentIntent = paymentIntent.Id,
                Reason = RefundReason.RequestedByCustomer,
                Metadata = new Dictionary<string, string> { ["refund_request"] = "7" },
            },
            StripeSandbox.NewKey(),
            CancellationToken.None);
        var charge = (await sandbox.Client.GetPaymentIntentAsync(paymentIntent.Id, CancellationToken.None, "latest_charge")).LatestCharge!.Expanded!;

        Assert.StartsWith("re_", refund.Id);
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal(paymentIntent.Amount, refund.Amount);
        Assert.Equal(RefundReason.RequestedByCustomer, refund.Reason);
        Assert.Equal(paymentIntent.Id, refund.PaymentIntent!.Id);
        Assert.Equal("7", refund.Metadata["refund_request"]);
        Assert.True(charge.Refunded);
        Assert.Equal(paymentIntent.Amount, charge.AmountRefunded);
        Assert.Equal(refund.Id, Assert.Single(charge.Refunds!.Data).Id);
        Assert.Equal(refund.Id, (await sandbox.Client.GetRefundAsync(refund.Id, CancellationToken.None)).Id);
    }

    [Fact]
    public async Task Partial_refunds_add_up_until_the_charge_is_already_refunded()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var paymentIntent = await PaidPaymentIntentAsync(sandbox);

        await sandbox.Client.CreateRefundAsync(new CreateRefundRequest { PaymentIntent = paymentIntent.Id, Amount = 1000 }, StripeSandbox.NewKey(), CancellationToken.None);
        var afterFirst = await ChargeAsync(sandbox, paymentIntent.Id);
        var rest = await sandbox.Client.CreateRefundAsync(new CreateRefundRequest { PaymentIntent = paymentIntent.Id }, StripeSandbox.NewKey(), CancellationToken.None);
        var afterRest = await ChargeAsync(sandbox, paymentIntent.Id);
        var again = await Assert.ThrowsAsync<StripeException>(() => sandbox.Client.CreateRefundAsync(
            new CreateRefundRequest { PaymentIntent = paymentIntent.Id }, StripeSandbox.NewKey(), CancellationToken.None));

        Assert.False(afterFirst.Refunded);
        Assert.Equal(1000, afterFirst.AmountRefunded);
        Assert.Equal(paymentIntent.Amount - 1000, rest.Amount);
        Assert.True(afterRest.Refunded);
        Assert.Equal(400, again.HttpStatus);
        Assert.Equal("charge_already_refunded", again.Code);
    }

    [Fact]
    public async Task Refund_larger_than_what_remains_is_rejected_on_amount()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var paymentIntent = await PaidPaymentIntentAsync(sandbox);

        var error = await Assert.ThrowsAsync<StripeException>(() => sandbox.Client.CreateRefundAsync(
            new CreateRefundRequest { PaymentIntent = paymentIntent.Id, Amount = paymentIntent.Amount + 1 }, StripeSandbox.NewKey(), CancellationToken.None));

        Assert.Equal(400, error.HttpStatus);
        Assert.Equal("amount", error.Param);
        Assert.Equal(StripeErrorKind.InvalidRequest, error.Kind);
    }

    [Fact]
    public async Task Payment_intent_without_a_successful_charge_cannot_be_refunded()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var session = await sandbox.Client.CreateCheckoutSessionAsync(StripeSandbox.ESimOrder(), StripeSandbox.NewKey(), CancellationToken.None);
        await sandbox.PayAsync(session.Id, card: "4000000000000002");
        var paymentIntent = (await sandbox.Client.GetCheckoutSessionAsync(session.Id, CancellationToken.None)).PaymentIntent!.Id;

        var error = await Assert.ThrowsAsync<StripeException>(() => sandbox.Client.CreateRefundAsync(
            new CreateRefundRequest { PaymentIntent = paymentIntent }, StripeSandbox.NewKey(), CancellationToken.None));

        Assert.Equal("payment_intent", error.Param);
    }

    [Fact]
    public async Task Refund_of_an_unknown_payment_intent_is_resource_missing()
    {
        await using var sandbox = await StripeSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => sandbox.Client.CreateRefundAsync(
            new CreateRefundRequest { PaymentIntent = "pi_missing" }, StripeSandbox.NewKey(), CancellationToken.None));

        Assert.Equal("resource_missing", error.Code);
        Assert.Equal("payment_intent", error.Param);
    }

    [Fact]
    public async Task Refund_events_carry_the_request_and_the_charge_before_the_refund()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var paymentIntent = await PaidPaymentIntentAsync(sandbox);
        var key = StripeSandbox.NewKey();

        var refund = await sandbox.Client.CreateRefundAsync(new CreateRefundRequest { PaymentIntent = paymentIntent.Id, Amount = 500 }, key, CancellationToken.None);
        var events = sandbox.State.Events(null).Select(e => StripeEvent.Parse(System.Text.Encoding.UTF8.GetBytes(e.ToJsonString()))).ToList();

        var created = Assert.Single(events, e => e.Type == StripeEventTypes.RefundCreated);
        var refunded = Assert.Single(events, e => e.Type == StripeEventTypes.ChargeRefunded);
        Assert.Equal(refund.Id, created.DataObject<Refund>().Id);
        Assert.Equal(refund.LastResponse!.RequestId, created.Request!.Id);
        Assert.Equal(key, created.Request.IdempotencyKey);
        Assert.Equal(500, refunded.DataObject<Charge>().AmountRefunded);
        Assert.Equal(0, refunded.Data.PreviousAttributes!.Value.GetProperty("amount_refunded").GetInt64());
    }

    internal static async Task<PaymentIntent> PaidPaymentIntentAsync(StripeSandbox sandbox)
    {
        var session = await sandbox.Client.CreateCheckoutSessionAsync(StripeSandbox.ESimOrder(), StripeSandbox.NewKey(), CancellationToken.None);
        await sandbox.PayAsync(session.Id);
        var paid = await sandbox.Client.GetCheckoutSessionAsync(session.Id, CancellationToken.None, "payment_intent");
        return paid.PaymentIntent!.Expanded!;
    }

    private static async Task<Charge> ChargeAsync(StripeSandbox sandbox, string paymentIntentId) =>
        (await sandbox.Client.GetPaymentIntentAsync(paymentIntentId, CancellationToken.None, "latest_charge")).LatestCharge!.Expanded!;
}
