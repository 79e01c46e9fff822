namespace Storefront.Payments;

/// <summary>Configuration section "Stripe".</summary>
public sealed class StripeOptions
{
    public const string SectionName = "Stripe";

    public string SecretKey { get; set; } = "";

    public string WebhookSecret { get; set; } = "";

    /// <summary>Absolute URL of the API (the sandbox points it at its simulator).</summary>
    public string ApiBase { get; set; } = Stripe.StripeClient.DefaultApiBase;

    /// <summary>Retries of a failed call (connection error, 409, 5xx), reusing the call's idempotency key.</summary>
    public int MaxNetworkRetries { get; set; } = Stripe.SystemNetHttpClient.DefaultMaxNumberRetries;
}
