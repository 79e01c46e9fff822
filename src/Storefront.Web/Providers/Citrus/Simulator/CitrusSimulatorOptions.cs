namespace Storefront.Providers.Citrus.Simulator;

/// <summary>
/// Configuration section "Sandbox:Citrus". Defaults follow notes §5.1; the open questions of notes §6 are options.
/// Most values can also be changed at run time with <c>POST __sim/settings</c>.
/// </summary>
public sealed class CitrusSimulatorOptions
{
    public const string Section = "Sandbox:Citrus";

    /// <summary>68 characters with the rsk_ prefix, like a real key (notes §2.1).</summary>
    public const string DefaultApiKey = "rsk_sandbox_citrus_simulator_0000000000000000000000000000000000000000";

    public static readonly IReadOnlyList<TimeSpan> DefaultWebhookRetrySchedule =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];

    /// <summary>The one key the simulator accepts.</summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    public decimal StartingBalanceUsd { get; set; } = 500m;

    public string CompanyName { get; set; } = "Sandbox Reseller";

    /// <summary>No reporting lag: readings and balance events follow usage at once (notes §5.1 "realtime").</summary>
    public bool Realtime { get; set; } = true;

    /// <summary><see cref="CitrusRoundingModels.Retail09"/> (default) or <see cref="CitrusRoundingModels.FloorCents"/> (notes §2.7).</summary>
    public string RoundingModel { get; set; } = CitrusRoundingModels.Retail09;

    /// <summary>Status of an active eSIM whose wallet reaches $0: "active" (default) or "suspended" (notes §6.4).</summary>
    public string DepletionStatus { get; set; } = "active";

    /// <summary>Status after a defund settles: "suspended" (default) or "previous" (notes §2.4).</summary>
    public string DefundSettledStatus { get; set; } = "suspended";

    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Usage figures and balance events pause this long after each fund (notes §2.6).</summary>
    public TimeSpan FundReportPause { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan DefundSettleTime { get; set; } = TimeSpan.FromMinutes(15);

    public int RateLimitPerMinute { get; set; } = 100;

    public decimal ProvisionFeeUsd { get; set; } = 1.75m;

    /// <summary>Reseller balance under which balance.low fires (notes §5.1: unknown, 10 assumed).</summary>
    public decimal LowBalanceThresholdUsd { get; set; } = 10m;

    /// <summary>eSIMs left to provision; null is unlimited, 0 answers 503 NO_ESIMS_AVAILABLE.</summary>
    public int? Inventory { get; set; }

    /// <summary>Bytes in the GB of the per-GB prices (notes §5.1: 1e9 assumed, 2^30 possible).</summary>
    public long BytesPerGb { get; set; } = 1_000_000_000;

    /// <summary>Waits between webhook delivery attempts; null is 1, 5 and 30 minutes (notes §5.1).</summary>
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

    /// <summary>Added to every provider call.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Share (0..1) of provider calls answered with a random 500/502/503 before doing any work.</summary>
    public double ErrorRate { get; set; }

    /// <summary>How long a "hang" fault holds the request when the client does not give up first.</summary>
    public TimeSpan HangFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Faults active from the start; more can be added with <c>POST __sim/faults</c>.</summary>
    public List<CitrusFaultRule> Faults { get; set; } = [];

    /// <summary>Seed for ids, ICCIDs and secrets; null is random (ids must not repeat across restarts of the sandbox).</summary>
    public int? Seed { get; set; }

    internal IReadOnlyList<TimeSpan> RetrySchedule => WebhookRetrySchedule ?? DefaultWebhookRetrySchedule;

    internal CitrusSimulatorOptions Clone()
    {
        var clone = (CitrusSimulatorOptions)MemberwiseClone();
        clone.Faults = Faults.Select(f => f with { }).ToList();
        return clone;
    }
}

public static class CitrusRoundingModels
{
    /// <summary>Wallet kept as retail credit floor_cents(amount / 0.9), shown as floor_cents(credit × 0.9): $20 → 19.99.</summary>
    public const string Retail09 = "retail_0.9";

    /// <summary>Wallet kept exactly, shown rounded down to the cent.</summary>
    public const string FloorCents = "floor_cents";
}

/// <summary>
/// A fault for calls whose path (relative to the simulator's base, e.g. "esim/provision" or "esim/*/fund") matches.
/// Kind: "error" (answer <see cref="Status"/> without doing the work), "hang" (never answer, do nothing),
/// "lost_response" (do the work, then drop the connection), "latency" (delay by <see cref="LatencyMs"/>).
/// </summary>
public sealed record CitrusFaultRule
{
    public string Path { get; init; } = "*";
    public string? Method { get; init; }
    public string Kind { get; init; } = CitrusFaultKinds.Error;
    /// <summary>Calls left to affect; null is every call.</summary>
    public int? Count { get; init; }
    public int Status { get; init; } = 503;
    public int LatencyMs { get; init; }
}

public static class CitrusFaultKinds
{
    public const string Error = "error";
    public const string Hang = "hang";
    public const string LostResponse = "lost_response";
    public const string Latency = "latency";
}
