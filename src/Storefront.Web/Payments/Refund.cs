using System.Text.Json.Serialization;

namespace Storefront.Payments;

public sealed class Refund : StripeObject
{
    public long Amount { get; init; }

    public string? Currency { get; init; }

    public Expandable<Charge>? Charge { get; init; }

    public Expandable<PaymentIntent>? PaymentIntent { get; init; }

    /// <summary>Not final until <see cref="RefundStatus.Succeeded"/>; watch refund.updated / refund.failed.</summary>
    public RefundStatus Status { get; init; }

    public RefundReason? Reason { get; init; }

    public string? FailureReason { get; init; }

    public Dictionary<string, string> Metadata { get; init; } = [];

    public DateTimeOffset Created { get; init; }
}

[JsonConverter(typeof(StripeEnumConverter<RefundStatus>))]
public enum RefundStatus { Unknown, Pending, RequiresAction, Succeeded, Failed, Canceled }

[JsonConverter(typeof(StripeEnumConverter<RefundReason>))]
public enum RefundReason { Unknown, Duplicate, Fraudulent, RequestedByCustomer, ExpiredUncapturedCharge }
