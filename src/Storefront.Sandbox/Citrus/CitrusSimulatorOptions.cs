using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Citrus;
using Storefront.Domain;

namespace Storefront.Sandbox.Citrus;

/// <summary>
/// Configuration section "Sandbox:Citrus". Defaults follow docs/providers/citrus.md §5.1; the open questions of
/// docs/providers/citrus.md §6 are options. Most values can also be changed at run time with <c>POST
/// __sim/settings</c>.
/// </summary>
public sealed class CitrusSimulatorOptions : SimulatorFaultOptions
{
    public const string Section = "Sandbox:Citrus";

    /// <summary>68 characters with the rsk_ prefix, like a real key (docs/providers/citrus.md §2.1).</summary>
    public const string DefaultApiKey = "rsk_sandbox_citrus_simulator_0000000000000000000000000000000000000000";

    public static readonly IReadOnlyList<TimeSpan> DefaultWebhookRetrySchedule =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];

    /// <summary>The one key the simulator accepts.</summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    public decimal StartingBalanceUsd { get; set; } = 500m;

    public string CompanyName { get; set; } = "Sandbox Reseller";

    /// <summary>
    /// No reporting lag: readings and balance events follow usage at once (docs/providers/citrus.md §5.1 "realtime").
    /// </summary>
    public bool Realtime { get; set; } = true;

    /// <summary>
    /// <see cref="CitrusRoundingModels.Retail09"/> (default) or <see cref="CitrusRoundingModels.FloorCents"/>
    /// (docs/providers/citrus.md §2.7).
    /// </summary>
    public string RoundingModel { get; set; } = CitrusRoundingModels.Retail09;

    /// <summary>
    /// Status of an active eSIM whose wallet reaches $0: "active" (default) or "suspended"
    /// (docs/providers/citrus.md §6.4).
    /// </summary>
    public string DepletionStatus { get; set; } = "active";

    /// <summary>
    /// Status after a defund settles: "suspended" (default) or "previous" (docs/providers/citrus.md §2.4).
    /// </summary>
    public string DefundSettledStatus { get; set; } = "suspended";

    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Usage figures and balance events pause this long after each fund (docs/providers/citrus.md §2.6).
    /// </summary>
    public TimeSpan FundReportPause { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan DefundSettleTime { get; set; } = TimeSpan.FromMinutes(15);

    public int RateLimitPerMinute { get; set; } = 100;

    /// <summary>The window RateLimitPerMinute is counted over: a minute, or shorter for a test that plays the same rate faster.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    public decimal ProvisionFeeUsd { get; set; } = 1.75m;

    /// <summary>
    /// Reseller balance under which balance.low fires (docs/providers/citrus.md §5.1: unknown, 10 assumed).
    /// </summary>
    public decimal LowBalanceThresholdUsd { get; set; } = 10m;

    /// <summary>eSIMs left to provision; null is unlimited, 0 answers 503 NO_ESIMS_AVAILABLE.</summary>
    public int? Inventory { get; set; }

    /// <summary>
    /// Bytes in the GB of the per-GB prices (docs/providers/citrus.md §5.1: 1e9 assumed, 2^30 possible).
    /// </summary>
    public long BytesPerGb { get; set; } = 1_000_000_000;

    /// <summary>
    /// Waits between webhook delivery attempts; null is 1, 5 and 30 minutes (docs/providers/citrus.md §5.1).
    /// </summary>
    public TimeSpan[]? WebhookRetrySchedule { get; set; }

    public int WebhookAutoDisableAfter { get; set; } = 10;

    public int MaxWebhooks { get; set; } = 5;

    /// <summary>Accept http:// webhook URLs on 127.0.0.1 / localhost (the real API wants https).</summary>
    public bool AllowLoopbackHttpWebhooks { get; set; } = true;

    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool AutoRefillEnabled { get; set; }
    public decimal AutoRefillThresholdUsd { get; set; } = 10m;
    public decimal AutoRefillAmountUsd { get; set; } = 50m;
    public bool AutoRefillCardDeclines { get; set; }

    /// <summary>Seed for ids, ICCIDs and secrets; null is random (ids must not repeat across restarts of the sandbox).</summary>
    public int? Seed { get; set; }

    internal IReadOnlyList<TimeSpan> RetrySchedule => WebhookRetrySchedule ?? DefaultWebhookRetrySchedule;

    internal CitrusSimulatorOptions Clone() => (CitrusSimulatorOptions)MemberwiseClone();
}

public static class CitrusRoundingModels
{
    /// <summary>Wallet kept as retail credit floor_cents(amount / 0.9), shown as floor_cents(credit × 0.9): $20 → 19.99.</summary>
    public const string Retail09 = "retail_0.9";

    /// <summary>Wallet kept exactly, shown rounded down to the cent.</summary>
    public const string FloorCents = "floor_cents";
}
