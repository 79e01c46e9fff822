using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.PressOne;
using Storefront.Domain;

namespace Storefront.Sandbox.PressOne;

/// <summary>
/// Configuration section "Sandbox:PressOne". Defaults follow docs/providers/pressone.md §3.5; the open questions of
/// docs/providers/pressone.md §5 are options. Most values can also be changed at run time with <c>POST
/// __sim/settings</c>.
/// </summary>
public sealed class PressOneSimulatorOptions : SimulatorFaultOptions
{
    public const string Section = "Sandbox:PressOne";

    public const string DefaultClientId = "pressone-sandbox-client";
    public const string DefaultClientSecret = "pressone-sandbox-secret-7f3c9a1e5b2d4f6a8c0e";

    /// <summary>The one client id the token endpoint accepts; another is a 422 validation error.</summary>
    public string ClientId { get; set; } = DefaultClientId;

    /// <summary>The secret for <see cref="ClientId"/>; another is a 401 "Client authentication failed".</summary>
    public string ClientSecret { get; set; } = DefaultClientSecret;

    public decimal StartingBalanceUsd { get; set; } = 500m;

    public string Currency { get; set; } = "USD";

    /// <summary>
    /// How long a token really works; the answer still says <see cref="TokenExpiresInSeconds"/>
    /// (docs/providers/pressone.md §3.5).
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The <c>expires_in</c> the token endpoint reports: 366 days, as upstream.</summary>
    public long TokenExpiresInSeconds { get; set; } = 31_622_400;

    /// <summary>Token requests allowed per rolling minute (Airalo: 3); 0 lifts the limit.</summary>
    public int TokenRequestsPerMinute { get; set; } = 3;

    /// <summary>How long a usage answer is served from cache (upstream: 20 minutes); zero for fresh readings.</summary>
    public TimeSpan UsageCacheDuration { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Usage calls per ICCID per rolling minute (PressOne says 100; Airalo 10); 0 lifts the limit.</summary>
    public int UsageRequestsPerMinute { get; set; } = 100;

    /// <summary>Least time between package-history calls for one eSIM (PressOne: 15 minutes); zero lifts the limit.</summary>
    public TimeSpan PackageHistoryInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>"net_pricing" (charge net_price) or "discount_pricing" (net_price null; charge price less <see cref="DiscountPercentage"/>).</summary>
    public string PricingModel { get; set; } = PressOnePricingModels.Net;

    public decimal DiscountPercentage { get; set; }

    /// <summary>PressOne's wording for business code 11 is unknown (Airalo: "Insufficient Airalo Credit").</summary>
    public string InsufficientCreditReason { get; set; } = "Insufficient PressOne Credit";

    /// <summary>From page 2 on, <c>/packages</c> sends <c>data</c> as an object keyed by index, as the docs describe.</summary>
    public bool PackagesPageQuirk { get; set; } = true;

    /// <summary>Page size of <c>/packages</c>, <c>/orders</c> and <c>/sims</c> when no <c>limit</c> is given.</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>PressOne: top-ups only for an eSIM that has been activated ("active"); before that the list is empty.</summary>
    public bool TopUpRequiresActivation { get; set; } = true;

    /// <summary>Top-ups allowed per eSIM (422 validation.order_exceed_limit beyond); null is no cap.</summary>
    public int? TopUpLimitPerEsim { get; set; }

    /// <summary>
    /// A top-up clears the eSIM's cached usage (upstream probably does not; docs/providers/pressone.md §3.5).
    /// </summary>
    public bool TopUpRefreshesUsage { get; set; } = true;

    /// <summary>eSIMs left in stock; null is unlimited, and fewer than ordered is a 422 on quantity.</summary>
    public int? Stock { get; set; }

    /// <summary>Seed for tokens, ICCIDs and matching ids; null is random.</summary>
    public int? Seed { get; set; }

    internal PressOneSimulatorOptions Clone() => (PressOneSimulatorOptions)MemberwiseClone();
}

public static class PressOnePricingModels
{
    public const string Net = "net_pricing";
    public const string Discount = "discount_pricing";
}
