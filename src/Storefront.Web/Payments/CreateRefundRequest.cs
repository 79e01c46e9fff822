namespace Storefront.Payments;

/// <summary>POST /v1/refunds against the PaymentIntent of a paid Checkout Session.</summary>
public sealed class CreateRefundRequest
{
    public required string PaymentIntent { get; init; }

    /// <summary>Minor units; null refunds whatever has not been refunded yet.</summary>
    public long? Amount { get; init; }

    public RefundReason? Reason { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    internal StripeForm ToForm()
    {
        if (Reason is RefundReason.Unknown or RefundReason.ExpiredUncapturedCharge)
            throw new ArgumentException($"Refund reason {Reason} cannot be sent; Stripe sets it itself.", nameof(Reason));

        return new StripeForm()
            .Add("payment_intent", PaymentIntent)
            .Add("amount", Amount)
            .Add("reason", Reason is { } reason ? StripeEnumConverter<RefundReason>.WireName(reason) : null)
            .AddMap("metadata", StripeMetadata.Checked(Metadata));
    }
}
