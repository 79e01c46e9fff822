namespace Storefront.Providers.Roamify;

/// <summary>Configuration section "Roamify": the partner access token, where the API lives and how long to wait.</summary>
public sealed class RoamifyOptions
{
    public const string Section = "Roamify";

    /// <summary>Production host (docs/providers/roamify.md §2.1).</summary>
    public const string ProductionBaseUrl = "https://api.getroamify.com/";

    /// <summary>Roamify's development host, for partner testing (docs/providers/roamify.md §2.1).</summary>
    public const string DevelopmentBaseUrl = "https://api-dev.getroamify.com/";

    /// <summary>The Partner Portal's API key (<c>roamify_…</c>); long-lived, a Bearer token. Secret: never logged.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>The host; paths such as <c>api/esim/order</c> are relative to it.</summary>
    public string BaseUrl { get; set; } = ProductionBaseUrl;

    /// <summary>Per-attempt timeout of every call except apply and instant order.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Timeout of one apply (or instant order) call: "can take up to 90 seconds; set timeout ≥ 90 s"
    /// (docs/providers/roamify.md §2.3.4).
    /// </summary>
    public TimeSpan ApplyTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How long one apply may take in all, polling the eSIM after a timeout or "still pending processing"; past it the
    /// caller gets PROFILE_NOT_READY and looks the eSIM up again later.
    /// </summary>
    public TimeSpan ApplyWaitLimit { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan ApplyPollInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Packages page size; Roamify's default is 50 (docs/providers/roamify.md §2.3.2).</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>How many times an idempotent read (GET) is retried on 429/5xx or a timeout.</summary>
    public int ReadRetries { get; set; } = 2;

    /// <summary>Longest wait before retrying a read; a larger Retry-After is handed to the caller instead.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The webhook signing secret from the Roamify dashboard; used when the caller passes none.</summary>
    public string WebhookSecret { get; set; } = "";
}
