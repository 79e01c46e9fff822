using System.Text.Json.Serialization;

namespace Storefront.Payments;

public sealed class Charge : StripeObject
{
    public long Amount { get; init; }

    public long AmountRefunded { get; init; }

    public string? Currency { get; init; }

    public ChargeStatus Status { get; init; }

    public bool Paid { get; init; }

    /// <summary>True only once the whole amount is refunded; partial refunds leave it false.</summary>
    public bool Refunded { get; init; }

    public Expandable<PaymentIntent>? PaymentIntent { get; init; }

    public string? FailureCode { get; init; }

    public string? FailureMessage { get; init; }

    public Dictionary<string, string> Metadata { get; init; } = [];

    public DateTimeOffset Created { get; init; }

    public StripeList<Refund>? Refunds { get; init; }
}

[JsonConverter(typeof(StripeEnumConverter<ChargeStatus>))]
public enum ChargeStatus { Unknown, Succeeded, Pending, Failed }
