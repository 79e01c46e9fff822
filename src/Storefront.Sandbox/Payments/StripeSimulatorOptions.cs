namespace Storefront.Sandbox.Payments;

/// <summary>Configuration section "Sandbox:Stripe" for the in-process Stripe simulator.</summary>
public sealed class StripeSimulatorOptions
{
    public const string SectionName = "Sandbox:Stripe";

    /// <summary>
    /// Test mode keeps retrying for a few hours; the exact intervals are unpublished (docs/payments/stripe.md §3.4).
    /// </summary>
    public static readonly TimeSpan[] SandboxRetrySchedule = [TimeSpan.FromMinutes(5), TimeSpan.FromHours(1), TimeSpan.FromHours(3)];

    public static readonly TimeSpan[] FastRetrySchedule = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>
    /// Where events are delivered: an absolute URL, or a path ("/webhooks/stripe") on this application's own address.
    /// Null (and no <see cref="WebhookUrlResolver"/>) means events are recorded but not delivered.
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Takes precedence over <see cref="WebhookUrl"/>; asked when each event is created.</summary>
    public Func<Uri?>? WebhookUrlResolver { get; set; }

    /// <summary>The endpoint's signing secret (whsec_…). Defaults to the store's own "Stripe:WebhookSecret".</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>The one API key accepted; null accepts any test key (sk_test_… or rk_test_…), as stripe-mock does.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Delays between delivery attempts after the first; null means <see cref="SandboxRetrySchedule"/>.</summary>
    public TimeSpan[]? RetrySchedule { get; set; }

    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>API requests per second before answering 429; null disables the limit.</summary>
    public int? RateLimitPerSecond { get; set; }

    /// <summary>Shown at the top of the hosted payment page.</summary>
    public string MerchantName { get; set; } = "Storefront";

    internal IReadOnlyList<TimeSpan> EffectiveRetrySchedule => RetrySchedule ?? SandboxRetrySchedule;

    internal bool DeliversWebhooks => WebhookUrlResolver is not null || !string.IsNullOrWhiteSpace(WebhookUrl);

    internal Uri? ResolveWebhookUrl(IServiceProvider services) =>
        WebhookUrlResolver is not null ? WebhookUrlResolver()
        : string.IsNullOrWhiteSpace(WebhookUrl) ? null
        : AppSelfAddress.Resolve(services, WebhookUrl);
}
