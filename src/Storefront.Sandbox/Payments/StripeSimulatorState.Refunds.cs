using System.Globalization;
using System.Text.Json.Nodes;

using Storefront.Payments;

namespace Storefront.Sandbox.Payments;

internal sealed record RefundDraft(string? PaymentIntentId, string? ChargeId, long? Amount, string? Reason, Dictionary<string, string> Metadata);

public sealed partial class StripeSimulatorState
{
    internal JsonObject CreateRefund(RefundDraft draft, EventRequest request)
    {
        lock (_gate)
        {
            var charge = RefundableCharge(draft);
            var remaining = charge.Amount - charge.AmountRefunded;
            if (remaining == 0)
                throw SimulatorApiError.Invalid($"Charge {charge.Id} has already been refunded.", code: "charge_already_refunded");
            var amount = draft.Amount ?? remaining;
            if (amount > remaining)
                throw SimulatorApiError.Invalid(
                    $"Refund amount ({Money(amount, charge.Currency)}) is greater than unrefunded amount on charge ({Money(remaining, charge.Currency)})",
                    "amount");

            var refund = new SimRefund
            {
                Id = SimulatorIds.New("re_"),
                Amount = amount,
                Currency = charge.Currency,
                ChargeId = charge.Id,
                PaymentIntentId = charge.PaymentIntentId,
                Reason = draft.Reason,
                Metadata = draft.Metadata,
                Created = Time.GetUtcNow(),
            };
            _refunds[refund.Id] = refund;

            var previous = new JsonObject { ["amount_refunded"] = charge.AmountRefunded, ["refunded"] = charge.Refunded };
            charge.AmountRefunded += amount;
            charge.RefundIds.Add(refund.Id);

            Emit(Stripe.EventTypes.RefundCreated, refund.ToJson(), request);
            Emit(Stripe.EventTypes.ChargeRefunded, RenderCharge(charge), request, previous);
            return refund.ToJson();
        }
    }

    internal JsonObject GetRefund(string id)
    {
        lock (_gate)
            return _refunds.TryGetValue(id, out var refund) ? refund.ToJson() : throw SimulatorApiError.NoSuch("refund", id, "id");
    }

    internal JsonObject GetPaymentIntent(string id, IReadOnlyCollection<string> expand)
    {
        lock (_gate)
        {
            if (!_paymentIntents.TryGetValue(id, out var paymentIntent))
                throw SimulatorApiError.NoSuch("payment_intent", id, "intent");
            var json = paymentIntent.ToJson();
            if (expand.Contains("latest_charge") && paymentIntent.LatestChargeId is { } chargeId)
                json["latest_charge"] = RenderCharge(_charges[chargeId]);
            return json;
        }
    }

    internal JsonObject GetCharge(string id)
    {
        lock (_gate)
            return _charges.TryGetValue(id, out var charge) ? RenderCharge(charge) : throw SimulatorApiError.NoSuch("charge", id, "charge");
    }

    private SimCharge RefundableCharge(RefundDraft draft)
    {
        if (draft.PaymentIntentId is { } paymentIntentId)
        {
            if (!_paymentIntents.TryGetValue(paymentIntentId, out var paymentIntent))
                throw SimulatorApiError.NoSuch("payment_intent", paymentIntentId, "payment_intent");
            if (paymentIntent.Status != "succeeded" || paymentIntent.LatestChargeId is null)
                throw SimulatorApiError.Invalid("This PaymentIntent does not have a successful charge to refund.", "payment_intent");
            return _charges[paymentIntent.LatestChargeId];
        }

        var chargeId = draft.ChargeId!;
        if (!_charges.TryGetValue(chargeId, out var charge))
            throw SimulatorApiError.NoSuch("charge", chargeId, "charge");
        if (!charge.Succeeded)
            throw SimulatorApiError.Invalid($"Charge {chargeId} has not succeeded and cannot be refunded.", "charge", "charge_not_refundable");
        return charge;
    }

    private JsonObject RenderCharge(SimCharge charge) =>
        charge.ToJson(charge.RefundIds.Select(id => _refunds[id].ToJson()));

    private static string Money(long amount, string currency) =>
        StripeAmounts.FromMinorUnits(amount, currency).ToString(StripeAmounts.IsZeroDecimal(currency) ? "0" : "0.00", CultureInfo.InvariantCulture)
        + " " + currency.ToUpperInvariant();
}
