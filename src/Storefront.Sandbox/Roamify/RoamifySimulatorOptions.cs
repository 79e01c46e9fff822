using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Roamify;
using Storefront.Domain;

namespace Storefront.Sandbox.Roamify;

/// <summary>
/// Configuration section "Sandbox:Roamify". Behaviour follows docs/providers/roamify.md §2.6; the open questions of
/// docs/providers/roamify.md §5.3 are options. Most values can also be changed at run time with <c>POST
/// __sim/settings</c>.
/// </summary>
public sealed class RoamifySimulatorOptions : SimulatorFaultOptions
{
    public const string Section = "Sandbox:Roamify";

    /// <summary>
    /// The token the simulator accepts at start; <c>roamify_</c> like a Partner Portal key
    /// (docs/providers/roamify.md §2.1).
    /// </summary>
    public const string DefaultAccessToken = "roamify_sandbox_4ECgSimulatorToken0000000000000000";

    /// <summary>The secret the simulator signs webhooks with unless configured otherwise.</summary>
    public const string DefaultWebhookSecret = "roamify_webhook_sandbox_secret";

    public static readonly IReadOnlyList<TimeSpan> DefaultWebhookRetrySchedule =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];

    public string AccessToken { get; set; } = DefaultAccessToken;

    public decimal StartingBalanceUsd { get; set; } = 500m;

    /// <summary>Packages page size when the request gives none (Roamify: 50).</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>Largest page served whatever pageSize asks; null is no cap (nothing documented).</summary>
    public int? MaxPageSize { get; set; }

    /// <summary>
    /// What pageSize counts: <see cref="RoamifyPageCounts.Groups"/> (default) or packages
    /// (docs/providers/roamify.md §5.3).
    /// </summary>
    public string PageCounts { get; set; } = RoamifyPageCounts.Groups;

    /// <summary>
    /// How long generating a profile takes after apply ("up to 90 seconds", docs/providers/roamify.md §2.3.4).
    /// </summary>
    public TimeSpan ApplyDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Share (0..1) of applies answered at once with "eSIM is still pending processing" while the profile is generated in
    /// the background; the others hold the request until the profile is ready.
    /// </summary>
    public double ApplyPendingProbability { get; set; }

    /// <summary>
    /// HTTP status of "eSIM is still pending processing" (undocumented; 409 or 500, docs/providers/roamify.md §2.2).
    /// </summary>
    public int ApplyPendingStatus { get; set; } = 409;

    /// <summary>
    /// When the reseller balance is debited: <see cref="RoamifyChargePoints.Order"/> (default) or at apply
    /// (docs/providers/roamify.md §5.3).
    /// </summary>
    public string ChargeAt { get; set; } = RoamifyChargePoints.Order;

    /// <summary>
    /// HTTP status of "Insufficient balance" (undocumented; 400 assumed, docs/providers/roamify.md §2.6).
    /// </summary>
    public int InsufficientBalanceStatus { get; set; } = 400;

    /// <summary>
    /// An order for an unknown packageId: false (faithful) answers 500 "Unknown error" as observed; true answers 400
    /// "Package not found" (docs/providers/roamify.md §2.6).
    /// </summary>
    public bool StrictValidation { get; set; }

    /// <summary>
    /// <c>type</c> of top-up order items: "esim" as in the docs' sample, or "topup"
    /// (docs/providers/roamify.md §2.3.10).
    /// </summary>
    public string TopUpItemType { get; set; } = "esim";

    /// <summary>How a top-up changes expiry: <see cref="RoamifyTopUpValidity.Extend"/> (default), reset or longest.</summary>
    public string TopUpValidity { get; set; } = RoamifyTopUpValidity.Extend;

    /// <summary>
    /// Unit of <c>dataUsages[].usage</c> in usage details: "MB" (default), "KB" or "B"; undocumented
    /// (docs/providers/roamify.md §2.3.8).
    /// </summary>
    public string UsageDetailsUnit { get; set; } = "MB";

    /// <summary>
    /// Validity of a generated profile that is never used (docs/providers/roamify.md §2.6: "e.g. 365 d until first
    /// use").
    /// </summary>
    public TimeSpan UnusedProfileValidity { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Requests per minute before 429 "Too many requests"; null is no limit (none documented).</summary>
    public int? RateLimitPerMinute { get; set; }

    /// <summary>Where webhooks go: an absolute URL or a path on this app ("/webhooks/roamify"); null records them only.</summary>
    public string? WebhookUrl { get; set; }

    public string WebhookSecret { get; set; } = DefaultWebhookSecret;

    /// <summary>
    /// Time the receiver has to answer 2xx (2, 3 or 5 s depending on the page, docs/providers/roamify.md §2.4).
    /// </summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Waits between attempts: "up to 3 retries at increasing intervals" (docs/providers/roamify.md §2.4); null is 30
    /// s, 2 min, 10 min.
    /// </summary>
    public TimeSpan[]? WebhookRetrySchedule { get; set; }

    /// <summary>"usage"/"status" as on the event type pages, or "esim_usage"/"esim_status" as in the docs' sample handler.</summary>
    public bool PrefixedEsimEventTypes { get; set; }

    /// <summary>Usage events for activated eSIMs come this often (docs/providers/roamify.md §2.4: every 4 h).</summary>
    public TimeSpan UsageReportInterval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>partner/low_balance fires when the balance drops under this, and under 75/50/25 % of it.</summary>
    public decimal LowBalanceThresholdUsd { get; set; } = 100m;

    /// <summary>Seed for ids and ICCIDs; null is random (ids must not repeat across restarts of the sandbox).</summary>
    public int? Seed { get; set; }

    internal IReadOnlyList<TimeSpan> RetrySchedule => WebhookRetrySchedule ?? DefaultWebhookRetrySchedule;

    internal RoamifySimulatorOptions Clone() => (RoamifySimulatorOptions)MemberwiseClone();
}

public static class RoamifyPageCounts
{
    public const string Groups = "groups";
    public const string Packages = "packages";
}

public static class RoamifyChargePoints
{
    public const string Order = "order";
    /// <summary>Charged once per eSIM when its profile is first generated.</summary>
    public const string Apply = "apply";
}

public static class RoamifyTopUpValidity
{
    /// <summary>expiredAt = max(expiredAt, now) + days (docs/providers/roamify.md §2.6).</summary>
    public const string Extend = "extend";
    /// <summary>expiredAt = now + days.</summary>
    public const string Reset = "reset";
    /// <summary>expiredAt = max(expiredAt, now + days).</summary>
    public const string Longest = "longest";
}
