namespace Storefront.Payments;

/// <summary>Configuration section "Stripe".</summary>
public sealed class StripeOptions
{
    public const string SectionName = "Stripe";

    public string SecretKey { get; set; } = "";

    public string WebhookSecret { get; set; } = "";

    /// <summary>
    /// Absolute URL of the API, or a path such as "/sandbox/stripe" meaning "this application's own address plus
    /// that path" (the sandbox simulator mounted in the app), resolved when the first client is created.
    /// </summary>
    public string ApiBase { get; set; } = Stripe.StripeClient.DefaultApiBase;

    /// <summary>Retries of a failed call (connection error, 409, 5xx), reusing the call's idempotency key.</summary>
    public int MaxNetworkRetries { get; set; } = Stripe.SystemNetHttpClient.DefaultMaxNumberRetries;
}
