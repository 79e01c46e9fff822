namespace Storefront.Providers.Citrus;

/// <summary>Configuration section "Citrus": the reseller API key and where the API lives.</summary>
public sealed class CitrusOptions
{
    public const string Section = "Citrus";

    /// <summary>Reseller key, <c>rsk_…</c>. Secret: never logged.</summary>
    public string ApiKey { get; set; } = "";

    public string BaseUrl { get; set; } = "https://citrusmobile.com/api/v2/reseller/";

    /// <summary>Per-attempt HTTP timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times an idempotent read (GET) is retried on 429/502/503/504 or a timeout.</summary>
    public int ReadRetries { get; set; } = 2;

    /// <summary>Longest wait before retrying a read; a larger Retry-After is handed to the caller instead.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
