using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Esimfly;
using Storefront.Domain;

namespace Storefront.Sandbox.Esimfly;

/// <summary>
/// Configuration section "Sandbox:Esimfly". Defaults follow docs/providers/esimfly.md §1.7; the open questions of
/// docs/providers/esimfly.md §5 are options. Most values can also be changed at run time with <c>POST
/// __sim/settings</c>.
/// </summary>
public sealed class EsimflySimulatorOptions : SimulatorFaultOptions
{
    public const string Section = "Sandbox:Esimfly";

    public const string DefaultAccessCode = "esf_sandbox_esimfly_0001";
    public const string DefaultSecretKey = "sk_sandbox_esimfly_simulator_00000000000000000000000000";

    /// <summary>The one access code the simulator knows.</summary>
    public string AccessCode { get; set; } = DefaultAccessCode;

    public string SecretKey { get; set; } = DefaultSecretKey;

    public decimal StartingBalanceUsd { get; set; } = 500m;

    /// <summary>
    /// eSIMfly's margin inside the cost; the reported profit is cost − cost / (1 + markup)
    /// (docs/providers/esimfly.md §1.7: 2.72 → 0.20 at 8 %).
    /// </summary>
    public decimal MarkupPercent { get; set; } = 8m;

    public int RateLimitPerHour { get; set; } = 1000;

    /// <summary>
    /// A fixed window that starts with the first request after the previous one ended (docs/providers/esimfly.md §1.3,
    /// assumed).
    /// </summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>X-RateLimit-Reset as <see cref="EsimflyResetFormats.Iso8601"/> (docs, default) or <see cref="EsimflyResetFormats.UnixSeconds"/> (older page).</summary>
    public string ResetHeaderFormat { get; set; } = EsimflyResetFormats.Iso8601;

    /// <summary>
    /// Require an upper-case signature, as the docs say; by default any case is accepted
    /// (docs/providers/esimfly.md §1.2, §5.1).
    /// </summary>
    public bool StrictSignatureCase { get; set; }

    /// <summary>Older timestamps are refused with INVALID_TIMESTAMP (docs: 5 minutes).</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Refuse timestamps more than the tolerance in the future too (undocumented; assumed).</summary>
    public bool RejectFutureTimestamps { get; set; } = true;

    /// <summary>HTTP status of INVALID_TIMESTAMP (undocumented; 401 assumed).</summary>
    public int InvalidTimestampStatus { get; set; } = 401;

    /// <summary>
    /// Pagination key of GET /esims/packages: "totalPages" (default) or "total_pages" (docs/providers/esimfly.md §1.4).
    /// </summary>
    public string PackagesTotalPagesKey { get; set; } = "totalPages";

    /// <summary>Package codes starting with this are provisioned asynchronously (KDDI-like, <c>pending_details</c>).</summary>
    public string AsyncPackagePrefix { get; set; } = EsimflyPackagesFixture.AsyncPrefix;

    /// <summary>Every order is asynchronous.</summary>
    public bool AsyncOrders { get; set; }

    /// <summary>How long an asynchronous order stays pending (docs: 1–5 minutes).</summary>
    public TimeSpan AsyncProvisioningDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How a top-up moves the expiry: <see cref="EsimflyTopUpExpiryModes.Extend"/> (default) or
    /// <see cref="EsimflyTopUpExpiryModes.Reset"/> (docs/providers/esimfly.md §5.2).
    /// </summary>
    public string TopUpExpiry { get; set; } = EsimflyTopUpExpiryModes.Extend;

    /// <summary>Seed for ids, ICCIDs and activation codes; null is random (ids must not repeat across restarts of the sandbox).</summary>
    public int? Seed { get; set; }

    internal EsimflySimulatorOptions Clone() => (EsimflySimulatorOptions)MemberwiseClone();
}

public static class EsimflyResetFormats
{
    public const string Iso8601 = "iso8601";
    public const string UnixSeconds = "unix";
}

public static class EsimflyTopUpExpiryModes
{
    /// <summary>expires_at = max(expires_at, now) + validity.</summary>
    public const string Extend = "extend";

    /// <summary>expires_at = now + validity.</summary>
    public const string Reset = "reset";
}
