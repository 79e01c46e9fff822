namespace Storefront.Providers.PressOne;

/// <summary>Configuration section "PressOne": the OAuth client credentials and where the API lives.</summary>
public sealed class PressOneOptions
{
    public const string Section = "PressOne";

    public string ClientId { get; set; } = "";

    /// <summary>Secret: never logged.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>
    /// Root of the API; every path below it starts with <c>customer/v2/</c>. PressOne publishes only the placeholder
    /// host used here (docs/providers/pressone.md §3.1 #1), so a real deployment must set it.
    /// </summary>
    public string BaseUrl { get; set; } = "https://prod.your-api-server.com/";

    /// <summary>Per-attempt HTTP timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a token is used. The token endpoint answers <c>expires_in</c> of 366 days, yet the docs say a token is
    /// valid for 24 hours and ask for a new one every 24 hours (docs/providers/pressone.md §3.3.1); the shorter of the
    /// two wins.
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A token is replaced this long before it runs out (at most a tenth of its lifetime).</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many times a read (GET, or the token request) is retried on 429/5xx or a timeout.</summary>
    public int ReadRetries { get; set; } = 2;

    /// <summary>Longest wait before retrying a read; a larger Retry-After is handed to the caller instead.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Page size (<c>limit</c>) for the package, order and eSIM lists.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Sent as Accept-Language for packages and installation instructions.</summary>
    public string Language { get; set; } = "en";
}
