using System.Text.Json.Nodes;

namespace Storefront.Sandbox.Payments;

// The simulator's own records of Stripe objects. Each renders the JSON shape of the pinned API version; the client's
// models are deliberately not reused, so a mistake in one does not hide in the other.

internal sealed record EventRequest(string? Id, string? IdempotencyKey)
{
    /// <summary>Events caused by the customer on the hosted page or by expiry have no API request behind them.</summary>
    public static readonly EventRequest None = new(null, null);

    public JsonObject ToJson() => new() { ["id"] = Id, ["idempotency_key"] = IdempotencyKey };
}

internal sealed record PendingChallenge(CardEntry Card, string? Email);

internal sealed class SimLineItem
{
    public required string Id { get; init; }
    public required string PriceId { get; init; }
    public required string ProductId { get; init; }
    public required string Name { get; init; }
    public string? ProductDescription { get; init; }
    public required string Currency { get; init; }
    public required long UnitAmount { get; init; }
    public required long Quantity { get; init; }

    public long Amount => UnitAmount * Quantity;

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "item",
        ["amount_discount"] = 0,
        ["amount_subtotal"] = Amount,
        ["amount_tax"] = 0,
        ["amount_total"] = Amount,
        ["currency"] = Currency,
        ["description"] = Name,
        ["price"] = new JsonObject
        {
            ["id"] = PriceId,
            ["object"] = "price",
            ["active"] = false,
            ["billing_scheme"] = "per_unit",
            ["currency"] = Currency,
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
            ["product"] = ProductId,
            ["type"] = "one_time",
            ["unit_amount"] = UnitAmount,
            ["unit_amount_decimal"] = UnitAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        ["quantity"] = Quantity,
    };
}

internal sealed class SimSession
{
    public required string Id { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required string Currency { get; init; }
    public required IReadOnlyList<SimLineItem> LineItems { get; init; }
    public required string SuccessUrl { get; init; }
    public string? CancelUrl { get; init; }
    public string? CustomerEmail { get; init; }
    public string? ClientReferenceId { get; init; }
    public Dictionary<string, string> Metadata { get; init; } = [];
    public Dictionary<string, string> PaymentIntentMetadata { get; init; } = [];
    public string? Locale { get; init; }
    public bool? AllowPromotionCodes { get; init; }
    public required string HostedUrl { get; init; }

    public string Status { get; set; } = "open";
    public string PaymentStatus { get; set; } = "unpaid";
    public string? PaymentIntentId { get; set; }
    public (string? Email, string? Name)? CustomerDetails { get; set; }

    /// <summary>A card waiting for the customer to finish the 3-D Secure challenge page.</summary>
    public PendingChallenge? PendingChallenge { get; set; }

    public long AmountTotal => LineItems.Sum(item => item.Amount);

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "checkout.session",
        ["after_expiration"] = null,
        ["allow_promotion_codes"] = AllowPromotionCodes,
        ["amount_subtotal"] = AmountTotal,
        ["amount_total"] = AmountTotal,
        ["automatic_tax"] = new JsonObject { ["enabled"] = false, ["liability"] = null, ["status"] = null },
        ["billing_address_collection"] = null,
        ["cancel_url"] = CancelUrl,
        ["client_reference_id"] = ClientReferenceId,
        ["client_secret"] = null,
        ["created"] = Created.ToUnixTimeSeconds(),
        ["currency"] = Currency,
        ["customer"] = null,
        ["customer_creation"] = "if_required",
        ["customer_details"] = CustomerDetails is { } details
            ? new JsonObject
            {
                ["address"] = null,
                ["email"] = details.Email,
                ["name"] = details.Name,
                ["phone"] = null,
                ["tax_exempt"] = "none",
                ["tax_ids"] = new JsonArray(),
            }
            : null,
        ["customer_email"] = CustomerEmail,
        ["expires_at"] = ExpiresAt.ToUnixTimeSeconds(),
        ["invoice"] = null,
        ["livemode"] = false,
        ["locale"] = Locale,
        ["metadata"] = SimJson.Map(Metadata),
        ["mode"] = "payment",
        ["payment_intent"] = PaymentIntentId,
        ["payment_link"] = null,
        ["payment_method_types"] = new JsonArray("card"),
        ["payment_status"] = PaymentStatus,
        ["status"] = Status,
        ["success_url"] = SuccessUrl,
        ["total_details"] = new JsonObject { ["amount_discount"] = 0, ["amount_shipping"] = 0, ["amount_tax"] = 0 },
        ["ui_mode"] = "hosted_page",
        ["url"] = Status == "open" ? HostedUrl : null,
    };
}

internal sealed class SimPaymentIntent
{
    public required string Id { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required Dictionary<string, string> Metadata { get; init; }

    public string Status { get; set; } = "requires_payment_method";
    public long AmountReceived { get; set; }
    public string? LatestChargeId { get; set; }
    public string? PaymentMethodId { get; set; }
    public JsonObject? LastPaymentError { get; set; }
    public DateTimeOffset? CanceledAt { get; set; }
    public string? CancellationReason { get; set; }

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "payment_intent",
        ["amount"] = Amount,
        ["amount_capturable"] = 0,
        ["amount_received"] = AmountReceived,
        ["canceled_at"] = CanceledAt?.ToUnixTimeSeconds(),
        ["cancellation_reason"] = CancellationReason,
        ["capture_method"] = "automatic_async",
        ["client_secret"] = $"{Id}_secret_{Id[3..]}",
        ["confirmation_method"] = "automatic",
        ["created"] = Created.ToUnixTimeSeconds(),
        ["currency"] = Currency,
        ["customer"] = null,
        ["description"] = null,
        ["last_payment_error"] = LastPaymentError?.DeepClone(),
        ["latest_charge"] = LatestChargeId,
        ["livemode"] = false,
        ["metadata"] = SimJson.Map(Metadata),
        ["payment_method"] = PaymentMethodId,
        ["payment_method_types"] = new JsonArray("card"),
        ["status"] = Status,
    };
}

internal sealed class SimCharge
{
    public required string Id { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required string PaymentIntentId { get; init; }
    public required string PaymentMethodId { get; init; }
    public required CardEntry Card { get; init; }
    public required string? Email { get; init; }
    public required bool Succeeded { get; init; }
    public string? FailureCode { get; init; }
    public string? FailureMessage { get; init; }
    public string? DeclineCode { get; init; }

    public long AmountRefunded { get; set; }
    public List<string> RefundIds { get; } = [];

    public bool Refunded => Succeeded && AmountRefunded == Amount;

    public JsonObject ToJson(IEnumerable<JsonObject> refunds) => new()
    {
        ["id"] = Id,
        ["object"] = "charge",
        ["amount"] = Amount,
        ["amount_captured"] = Succeeded ? Amount : 0,
        ["amount_refunded"] = AmountRefunded,
        ["billing_details"] = new JsonObject
        {
            ["address"] = null,
            ["email"] = Email,
            ["name"] = Card.Name,
            ["phone"] = null,
        },
        ["captured"] = Succeeded,
        ["created"] = Created.ToUnixTimeSeconds(),
        ["currency"] = Currency,
        ["customer"] = null,
        ["description"] = null,
        ["disputed"] = false,
        ["failure_code"] = FailureCode,
        ["failure_message"] = FailureMessage,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["outcome"] = Succeeded
            ? new JsonObject
            {
                ["network_status"] = "approved_by_network",
                ["reason"] = null,
                ["risk_level"] = "normal",
                ["seller_message"] = "Payment complete.",
                ["type"] = "authorized",
            }
            : new JsonObject
            {
                ["network_status"] = "declined_by_network",
                ["reason"] = DeclineCode,
                ["risk_level"] = "normal",
                ["seller_message"] = "The bank did not return any further details with this decline.",
                ["type"] = "issuer_declined",
            },
        ["paid"] = Succeeded,
        ["payment_intent"] = PaymentIntentId,
        ["payment_method"] = PaymentMethodId,
        ["payment_method_details"] = new JsonObject
        {
            ["type"] = "card",
            ["card"] = new JsonObject
            {
                ["brand"] = Card.Brand,
                ["country"] = "US",
                ["exp_month"] = Card.ExpiryMonth,
                ["exp_year"] = Card.ExpiryYear,
                ["funding"] = "credit",
                ["last4"] = Card.Last4,
            },
        },
        ["refunded"] = Refunded,
        ["refunds"] = SimJson.List(refunds, $"/v1/charges/{Id}/refunds"),
        ["status"] = Succeeded ? "succeeded" : "failed",
    };
}

internal sealed class SimRefund
{
    public required string Id { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required string ChargeId { get; init; }
    public required string PaymentIntentId { get; init; }
    public string? Reason { get; init; }
    public required Dictionary<string, string> Metadata { get; init; }
    public required DateTimeOffset Created { get; init; }
    public string Status { get; set; } = "succeeded";

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "refund",
        ["amount"] = Amount,
        ["balance_transaction"] = null,
        ["charge"] = ChargeId,
        ["created"] = Created.ToUnixTimeSeconds(),
        ["currency"] = Currency,
        ["destination_details"] = new JsonObject
        {
            ["card"] = new JsonObject { ["reference_status"] = "pending", ["reference_type"] = "acquirer_reference_number", ["type"] = "refund" },
            ["type"] = "card",
        },
        ["metadata"] = SimJson.Map(Metadata),
        ["payment_intent"] = PaymentIntentId,
        ["reason"] = Reason,
        ["receipt_number"] = null,
        ["source_transfer_reversal"] = null,
        ["status"] = Status,
        ["transfer_reversal"] = null,
    };
}

internal sealed class SimEvent
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required DateTimeOffset Created { get; init; }

    /// <summary>The event as first rendered; data.object is frozen at event time.</summary>
    public required JsonObject Json { get; init; }

    /// <summary>Serialized once and sent byte for byte on every attempt.</summary>
    public required byte[] Payload { get; init; }

    public int PendingWebhooks { get; set; }

    public JsonObject ToJson()
    {
        var json = (JsonObject)Json.DeepClone();
        json["pending_webhooks"] = PendingWebhooks;
        return json;
    }
}
