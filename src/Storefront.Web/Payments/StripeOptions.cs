namespace Storefront.Payments;

/// <summary>Configuration section "Stripe".</summary>
public sealed class StripeOptions
{
    public const string SectionName = "Stripe";

    /// <summary>
    /// The one API version this client is written against; the simulator emulates the same version. It matches the
    /// version pinned by stripe-node 23.1.0, which the conformance test runs.
    /// </summary>
    public const string ApiVersion = "2026-10-28.endive";

    public string SecretKey { get; set; } = "";

    public string WebhookSecret { get; set; } = "";

    /// <summary>
    /// Absolute URL of the API, or a path such as "/sandbox/stripe" meaning "this application's own address plus
    /// that path" (the sandbox simulator mounted in the app), resolved when the first client is created.
    /// </summary>
    public string ApiBase { get; set; } = "https://api.stripe.com";

    /// <summary>Per attempt. Stripe's own libraries use 80 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(80);

    public int MaxNetworkRetries { get; set; } = 2;

    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
