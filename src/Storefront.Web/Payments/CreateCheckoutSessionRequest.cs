namespace Storefront.Payments;

/// <summary>POST /v1/checkout/sessions for a one-time card payment (mode=payment).</summary>
public sealed class CreateCheckoutSessionRequest
{
    public required IReadOnlyList<CheckoutLineItem> LineItems { get; init; }

    /// <summary>Must contain <see cref="CheckoutSession.SessionIdTemplate"/> so the landing page can look the session up.</summary>
    public required string SuccessUrl { get; init; }

    /// <summary>When set, the hosted page shows a Back link to it; the session stays open.</summary>
    public string? CancelUrl { get; init; }

    public string? CustomerEmail { get; init; }

    public string? ClientReferenceId { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Copied onto the PaymentIntent that Checkout creates when the customer pays.</summary>
    public IReadOnlyDictionary<string, string>? PaymentIntentMetadata { get; init; }

    /// <summary>30 minutes to 24 hours after creation; Stripe's default is 24 hours.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>"auto" or a Stripe locale such as "en", "de", "fr-CA".</summary>
    public string? Locale { get; init; }

    public IReadOnlyList<string>? Expand { get; init; }

    internal StripeForm ToForm()
    {
        if (LineItems.Count == 0)
            throw new ArgumentException("A checkout session needs at least one line item.", nameof(LineItems));

        var form = new StripeForm().Add("mode", "payment");
        for (var i = 0; i < LineItems.Count; i++)
        {
            var item = LineItems[i];
            if (item.Quantity < 1)
                throw new ArgumentException($"Line item {i} has quantity {item.Quantity}; it must be at least 1.", nameof(LineItems));

            var prefix = $"line_items[{i}]";
            form.Add($"{prefix}[price_data][currency]", item.Currency.ToLowerInvariant())
                .Add($"{prefix}[price_data][unit_amount]", item.UnitAmount)
                .Add($"{prefix}[price_data][product_data][name]", item.Name)
                .Add($"{prefix}[price_data][product_data][description]", item.Description)
                .Add($"{prefix}[quantity]", item.Quantity);
        }

        return form
            .Add("success_url", SuccessUrl)
            .Add("cancel_url", CancelUrl)
            .Add("customer_email", CustomerEmail)
            .Add("client_reference_id", ClientReferenceId)
            .AddMap("metadata", StripeMetadata.Checked(Metadata))
            .AddMap("payment_intent_data[metadata]", StripeMetadata.Checked(PaymentIntentMetadata))
            .Add("expires_at", ExpiresAt)
            .Add("locale", Locale)
            .AddList("expand", Expand);
    }
}

/// <summary>One line of the order, priced inline (price_data) in the currency's minor unit.</summary>
/// <param name="UnitAmount">Minor units; see <see cref="StripeAmounts.ToMinorUnits"/>.</param>
public sealed record CheckoutLineItem(string Name, string Currency, long UnitAmount, long Quantity = 1, string? Description = null);
