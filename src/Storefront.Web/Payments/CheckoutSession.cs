using System.Text.Json.Serialization;

namespace Storefront.Payments;

/// <summary>A Checkout Session (object "checkout.session"), mode=payment.</summary>
public sealed class CheckoutSession : StripeObject
{
    /// <summary>Put this literally in success_url; Stripe replaces it with the session id when it redirects.</summary>
    public const string SessionIdTemplate = "{CHECKOUT_SESSION_ID}";

    /// <summary>The hosted payment page; null once the session is complete or expired.</summary>
    public string? Url { get; init; }

    public CheckoutSessionStatus Status { get; init; }

    /// <summary>Fulfil only when this is not <see cref="CheckoutPaymentStatus.Unpaid"/>.</summary>
    public CheckoutPaymentStatus PaymentStatus { get; init; }

    public string? Mode { get; init; }

    public long? AmountSubtotal { get; init; }

    public long? AmountTotal { get; init; }

    public string? Currency { get; init; }

    public string? CustomerEmail { get; init; }

    public CustomerDetails? CustomerDetails { get; init; }

    /// <summary>Null until the customer submits payment (deferred PaymentIntent creation since API 2022-08-01).</summary>
    public Expandable<PaymentIntent>? PaymentIntent { get; init; }

    public string? ClientReferenceId { get; init; }

    public Dictionary<string, string> Metadata { get; init; } = [];

    public string? SuccessUrl { get; init; }

    public string? CancelUrl { get; init; }

    public string? Locale { get; init; }

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public bool Livemode { get; init; }

    /// <summary>Only present when retrieved with expand "line_items".</summary>
    public StripeList<CheckoutLineItemDetails>? LineItems { get; init; }
}

[JsonConverter(typeof(StripeEnumConverter<CheckoutSessionStatus>))]
public enum CheckoutSessionStatus { Unknown, Open, Complete, Expired }

[JsonConverter(typeof(StripeEnumConverter<CheckoutPaymentStatus>))]
public enum CheckoutPaymentStatus { Unknown, Paid, Unpaid, NoPaymentRequired }

public sealed class CustomerDetails
{
    public string? Email { get; init; }

    public string? Name { get; init; }

    public string? Phone { get; init; }
}

/// <summary>A line item as Stripe returns it (object "item").</summary>
public sealed class CheckoutLineItemDetails : StripeObject
{
    public string? Description { get; init; }

    public long Quantity { get; init; }

    public long AmountSubtotal { get; init; }

    public long AmountTotal { get; init; }

    public string? Currency { get; init; }

    public Price? Price { get; init; }
}

public sealed class Price : StripeObject
{
    public long? UnitAmount { get; init; }

    public string? Currency { get; init; }

    public string? Product { get; init; }
}
