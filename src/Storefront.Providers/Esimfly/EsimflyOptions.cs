namespace Storefront.Providers.Esimfly;

/// <summary>Configuration section "Esimfly": the Business API keys, where the API lives and how patient the client is.</summary>
public sealed class EsimflyOptions
{
    public const string Section = "Esimfly";

    /// <summary>Access code, <c>esf_…</c>, sent as RT-AccessCode.</summary>
    public string AccessCode { get; set; } = "";

    /// <summary>Secret key, <c>sk_…</c>, that signs every request. Secret: never sent, never logged.</summary>
    public string SecretKey { get; set; } = "";

    public string BaseUrl { get; set; } = "https://esimfly.net/api/v1/business/";

    /// <summary>Per-attempt HTTP timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a read (GET) is retried on 429/5xx or a timeout, each time with a new request id.</summary>
    public int ReadRetries { get; set; } = 2;

    /// <summary>Longest wait before retrying a read; a longer Retry-After is handed to the caller instead.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a pending order (<c>pending_details</c>) is polled; the docs suggest 15–30 s.</summary>
    public TimeSpan OrderPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long an order call waits for a pending eSIM before handing back and letting a later lookup finish.</summary>
    public TimeSpan OrderPollTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The budget assumed until the server's X-RateLimit-* headers tell (seed: 1000 requests per hour).</summary>
    public int RateLimitPerHour { get; set; } = 1000;

    /// <summary>Requests of the budget that reads may not use, so orders and top-ups still go through when reads are busy.</summary>
    public int RateLimitReserveForOrders { get; set; } = 50;

    /// <summary>Longest wait for the rate-limit window to reset before a call fails as retryable instead.</summary>
    public TimeSpan RateLimitMaxWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After an order or top-up with an unknown outcome, how long the order history may still lack it. A lookup that
    /// finds nothing sooner answers "try again later", not "never happened".
    /// </summary>
    public TimeSpan LookupSettleTime { get; set; } = TimeSpan.FromMinutes(2);
}
