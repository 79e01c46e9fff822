using System.Text.Json;

namespace Storefront.Payments;

/// <summary>A webhook event. Parse it only after <see cref="StripeWebhookSignature.Verify(ReadOnlySpan{byte}, string?, string, DateTimeOffset, TimeSpan?)"/> succeeded.</summary>
public sealed class StripeEvent : StripeObject
{
    public string Type { get; init; } = "";

    public string? ApiVersion { get; init; }

    public DateTimeOffset Created { get; init; }

    public bool Livemode { get; init; }

    public long PendingWebhooks { get; init; }

    /// <summary>The API request that caused the event; both fields null for events with no request behind them.</summary>
    public StripeEventRequest? Request { get; init; }

    public StripeEventData Data { get; init; } = new();

    public static StripeEvent Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<StripeEvent>(json, StripeJson.Options) ?? throw new JsonException("The event body is empty.");

    /// <summary>
    /// The object as it was when the event happened. Re-fetch it from the API before acting when freshness matters:
    /// events can arrive late, twice or out of order.
    /// </summary>
    public T DataObject<T>() where T : StripeObject =>
        Data.Object.Deserialize<T>(StripeJson.Options) ?? throw new JsonException($"The event's data.object is not a {typeof(T).Name}.");
}

public sealed class StripeEventRequest
{
    public string? Id { get; init; }

    public string? IdempotencyKey { get; init; }
}

public sealed class StripeEventData
{
    public JsonElement Object { get; init; }

    public JsonElement? PreviousAttributes { get; init; }
}

public static class StripeEventTypes
{
    public const string CheckoutSessionCompleted = "checkout.session.completed";
    public const string CheckoutSessionAsyncPaymentSucceeded = "checkout.session.async_payment_succeeded";
    public const string CheckoutSessionAsyncPaymentFailed = "checkout.session.async_payment_failed";
    public const string CheckoutSessionExpired = "checkout.session.expired";
    public const string PaymentIntentCreated = "payment_intent.created";
    public const string PaymentIntentRequiresAction = "payment_intent.requires_action";
    public const string PaymentIntentSucceeded = "payment_intent.succeeded";
    public const string PaymentIntentPaymentFailed = "payment_intent.payment_failed";
    public const string PaymentIntentCanceled = "payment_intent.canceled";
    public const string ChargeSucceeded = "charge.succeeded";
    public const string ChargeFailed = "charge.failed";
    public const string ChargeRefunded = "charge.refunded";
    public const string RefundCreated = "refund.created";
    public const string RefundUpdated = "refund.updated";
    public const string RefundFailed = "refund.failed";
}
