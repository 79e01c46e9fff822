using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.CloudeSim;
using Storefront.Domain;

namespace Storefront.Sandbox.CloudeSim;

/// <summary>
/// Configuration section "Sandbox:CloudeSim". Defaults follow docs/providers/cloudesim.md §5.2; the open questions of
/// docs/providers/cloudesim.md §6.7 are options. Most values can also be changed at run time with <c>POST
/// __sim/settings</c>.
/// </summary>
public sealed class CloudeSimSimulatorOptions : SimulatorFaultOptions
{
    public const string Section = "Sandbox:CloudeSim";

    /// <summary>The token the sandbox accepts unless configured otherwise (CloudeSIM's token format is not documented).</summary>
    public const string DefaultApiToken = "cloudesim_sandbox_token_0000000000000000000000000000";

    public string ApiToken { get; set; } = DefaultApiToken;

    public string Username { get; set; } = "sandbox-reseller";

    public decimal StartingBalanceUsd { get; set; } = 500m;

    /// <summary>
    /// HTTP status of errors: by kind (400/401/402/404, default) or always 200 (docs/providers/cloudesim.md §3.1).
    /// </summary>
    public string ErrorStatus { get; set; } = CloudeSimErrorStatusModes.ByKind;

    /// <summary>
    /// Status names: NEW/ACTIVE/… (default) or eSIM Access's GOT_RESOURCE/IN_USE/… (docs/providers/cloudesim.md §5.2).
    /// </summary>
    public string StatusNaming { get; set; } = CloudeSimStatusNamings.CloudeSim;

    /// <summary>Unit of <c>remainingVolume</c> and <c>totalVolume</c> in query answers: "MB" (default) or "bytes".</summary>
    public string RemainingVolumeUnit { get; set; } = CloudeSimVolumeUnits.Mb;

    /// <summary>Send <c>ac</c> as a bare matching id, like the docs' "ABCD1234", instead of the full LPA string.</summary>
    public bool ShortActivationCodes { get; set; }

    /// <summary>Answer orders with an empty <c>esimList</c>; <c>esim/query</c> by orderNo shows the eSIMs after <see cref="AllocationDelay"/>.</summary>
    public bool AsyncAllocation { get; set; }

    public TimeSpan AllocationDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// A NEW eSIM never used expires this long after the order (docs/providers/cloudesim.md §5.2, 180 days assumed).
    /// </summary>
    public TimeSpan UnusedValidity { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Seed for ICCIDs, order numbers and matching ids; null is random (ids must not repeat across sandbox restarts).</summary>
    public int? Seed { get; set; }

    internal CloudeSimSimulatorOptions Clone() => (CloudeSimSimulatorOptions)MemberwiseClone();
}

public static class CloudeSimErrorStatusModes
{
    public const string ByKind = "by_kind";
    public const string Always200 = "always_200";
}

public static class CloudeSimStatusNamings
{
    public const string CloudeSim = "cloudesim";
    public const string EsimAccess = "esimaccess";
}

public static class CloudeSimVolumeUnits
{
    public const string Mb = "MB";
    public const string Bytes = "bytes";
}
