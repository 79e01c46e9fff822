namespace Storefront.Providers.CloudeSim;

/// <summary>Configuration section "CloudeSim": the API token and where the API lives.</summary>
public sealed class CloudeSimOptions
{
    public const string Section = "CloudeSim";

    /// <summary>Bearer token from the CloudeSIM dashboard (shown there only once). Secret: never logged.</summary>
    public string ApiToken { get; set; } = "";

    public string BaseUrl { get; set; } = "https://api.cloud-esim.com/api/v1/";

    /// <summary>Per-attempt HTTP timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a read (balance, packages, query) is retried on 429, 5xx or a timeout.</summary>
    public int ReadRetries { get; set; } = 2;

    /// <summary>Longest wait before retrying a read.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often <c>esim/query</c> is asked for an order whose eSIMs are not allocated yet
    /// (docs/providers/cloudesim.md §3.2).
    /// </summary>
    public TimeSpan AllocationPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for allocation before handing the order back as pending; eSIM Access takes up to ~30 s.</summary>
    public TimeSpan AllocationTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// SM-DP+ address used to complete an <c>ac</c> that is only a matching id (the docs' example is "ABCD1234",
    /// docs/providers/cloudesim.md §3.2). Leave empty while CloudeSIM sends full <c>LPA:1$…</c> codes.
    /// </summary>
    public string? SmdpAddress { get; set; }

    /// <summary>
    /// Unit of <c>remainingVolume</c> in <c>esim/query</c>: MB (like <c>volume</c>) or bytes
    /// (docs/providers/cloudesim.md §6.7).
    /// </summary>
    public CloudeSimVolumeUnit RemainingVolumeUnit { get; set; } = CloudeSimVolumeUnit.Mb;
}
