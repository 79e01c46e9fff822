using System.Text.Json.Serialization;

namespace Storefront.Payments;

public sealed class PaymentIntent : StripeObject
{
    public long Amount { get; init; }

    public long AmountReceived { get; init; }

    public string? Currency { get; init; }

    public PaymentIntentStatus Status { get; init; }

    public Expandable<Charge>? LatestCharge { get; init; }

    public StripeError? LastPaymentError { get; init; }

    public Dictionary<string, string> Metadata { get; init; } = [];

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset? CanceledAt { get; init; }

    public string? CancellationReason { get; init; }
}

[JsonConverter(typeof(StripeEnumConverter<PaymentIntentStatus>))]
public enum PaymentIntentStatus
{
    Unknown,
    RequiresPaymentMethod,
    RequiresConfirmation,
    RequiresAction,
    Processing,
    RequiresCapture,
    Canceled,
    Succeeded,
}

/// <summary>The body of Stripe's error envelope, also used for a PaymentIntent's last_payment_error.</summary>
public sealed class StripeError
{
    public string? Type { get; init; }

    public string? Code { get; init; }

    public string? DeclineCode { get; init; }

    public string? Message { get; init; }

    public string? Param { get; init; }

    public string? DocUrl { get; init; }
}
