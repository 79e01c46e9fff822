namespace Storefront.Providers;

/// <summary>
/// The one contract the store uses to reach an upstream eSIM reseller API. Each of the five providers implements it
/// over real HTTP (Providers/&lt;Name&gt;/). Operations a provider lacks are announced in <see cref="Capabilities"/>;
/// calling one anyway throws <see cref="NotSupportedByProviderException"/>.
/// </summary>
public interface IEsimProvider
{
    /// <summary>Configuration name: citrus | cloudesim | esimfly | roamify | pressone.</summary>
    string Name { get; }

    ProviderModel Model { get; }

    ProviderCapabilities Capabilities { get; }

    /// <summary>The upstream catalogue: per-country rates (wallet model) and/or packages (package model).</summary>
    Task<UpstreamCatalog> FetchCatalogAsync(CancellationToken ct);

    /// <summary>
    /// Looks up an eSIM already created for this order reference, for the retry of a chargeable call whose outcome is
    /// unknown. Returns null when none exists. Throws <see cref="NotSupportedByProviderException"/> when the provider
    /// offers no way to look it up (the caller then stops and asks staff instead of buying twice).
    /// </summary>
    Task<UpstreamEsim?> FindEsimAsync(ProvisionRequest request, CancellationToken ct);

    /// <summary>Chargeable: creates the eSIM (Citrus provision, package providers' order).</summary>
    Task<UpstreamEsim> CreateEsimAsync(ProvisionRequest request, CancellationToken ct);

    /// <summary>
    /// Whether the plan of this request is already on the eSIM (wallet funded, package applied). Used before retrying
    /// <see cref="AttachPlanAsync"/> when an earlier attempt's outcome is unknown.
    /// </summary>
    Task<bool> IsPlanAttachedAsync(UpstreamEsim esim, ProvisionRequest request, CancellationToken ct);

    /// <summary>
    /// Chargeable for wallet providers: puts the plan on the eSIM (Citrus fund). Package providers whose order already
    /// carries the plan return the eSIM unchanged.
    /// </summary>
    Task<UpstreamEsim> AttachPlanAsync(UpstreamEsim esim, ProvisionRequest request, CancellationToken ct);

    /// <summary>Current status and balance of one eSIM, as the upstream reports it now.</summary>
    Task<EsimReading> ReadEsimAsync(string iccid, CancellationToken ct);

    /// <summary>Top-ups the upstream offers for this eSIM now (packages for package providers; wallet providers
    /// return an empty list and take any amount through <see cref="TopUpAsync"/>). Needs <see cref="ProviderCapabilities.TopUp"/>.</summary>
    Task<IReadOnlyList<UpstreamPackage>> ListTopUpsAsync(string iccid, CancellationToken ct);

    /// <summary>Chargeable: adds a package (or wallet funds) to an existing eSIM. Needs <see cref="ProviderCapabilities.TopUp"/>.</summary>
    Task<TopUpResult> TopUpAsync(string iccid, TopUpRequest request, CancellationToken ct);

    /// <summary>Looks up a top-up whose outcome is unknown (lost response). Null when it did not happen; throws
    /// <see cref="NotSupportedByProviderException"/> when the provider cannot tell.</summary>
    Task<TopUpResult?> FindTopUpAsync(string iccid, TopUpRequest request, CancellationToken ct);

    /// <summary>Pauses data (<see cref="ProviderCapabilities.SuspendResume"/>).</summary>
    Task SuspendAsync(string iccid, CancellationToken ct);

    Task ResumeAsync(string iccid, CancellationToken ct);

    /// <summary>Ends the eSIM for good; returns what the upstream refunded to the reseller balance, if anything
    /// (<see cref="ProviderCapabilities.Terminate"/> or <see cref="ProviderCapabilities.CancelWithRefund"/>).</summary>
    Task<decimal?> TerminateAsync(string iccid, CancellationToken ct);

    /// <summary>Limits the speed (<see cref="ProviderCapabilities.Throttle"/>); null lifts the limit.</summary>
    Task ThrottleAsync(string iccid, int? kbps, CancellationToken ct);

    /// <summary>The reseller's prepaid balance upstream, in USD (<see cref="ProviderCapabilities.ResellerBalance"/>).</summary>
    Task<decimal> GetResellerBalanceAsync(CancellationToken ct);

    /// <summary>Verifies and parses a webhook the upstream sent (<see cref="ProviderCapabilities.Webhooks"/>). Returns
    /// null when the signature does not verify.</summary>
    ProviderWebhookEvent? ParseWebhook(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, string? signingSecret);
}

/// <param name="Reference">The store's own reference for this top-up, sent upstream where the API takes one.</param>
/// <param name="PackageId">Package providers: the upstream top-up package.</param>
/// <param name="AmountUsd">Wallet providers: the amount to add.</param>
public sealed record TopUpRequest(string Reference, string? PackageId, decimal? AmountUsd);

public sealed record TopUpResult(string Iccid, string? UpstreamReference);

public enum ProviderEventKind { Other, Activated, BalanceLow, Depleted, Expired, ResellerBalanceLow, Test }

/// <summary>A verified upstream webhook, reduced to what the store acts on.</summary>
public sealed record ProviderWebhookEvent(string Id, ProviderEventKind Kind, string Type, string? Iccid, decimal? WalletBalanceUsd,
    decimal? ResellerBalanceUsd, DateTimeOffset? At);

public enum ProviderModel
{
    /// <summary>The eSIM has a money wallet that drains at per-country rates (Citrus).</summary>
    Wallet,
    /// <summary>The eSIM carries data packages (CloudeSIM, eSIMfly, Roamify, PressOne).</summary>
    Package,
}

[Flags]
public enum ProviderCapabilities
{
    None = 0,
    TopUp = 1 << 0,
    SuspendResume = 1 << 1,
    Throttle = 1 << 2,
    Terminate = 1 << 3,
    CancelWithRefund = 1 << 4,
    ResellerBalance = 1 << 5,
    Webhooks = 1 << 6,
    Usage = 1 << 7,
    LookupByReference = 1 << 8,
}

public enum Coverage { Local, Regional, Global }

public sealed record UpstreamCatalog(IReadOnlyList<UpstreamCountry> Countries, IReadOnlyList<UpstreamPackage> Packages);

/// <summary>A country the provider covers; for wallet providers with the per-GB price of each network.</summary>
public sealed record UpstreamCountry(string Iso2, string Name, IReadOnlyList<NetworkRate> Networks)
{
    public decimal? CheapestPerGbUsd => Networks.Count == 0 ? null : Networks.Min(n => n.PerGbUsd);
}

public sealed record NetworkRate(string Operator, decimal PerGbUsd);

/// <summary>A package as the upstream sells it to the reseller (package model).</summary>
public sealed record UpstreamPackage(
    string Id,
    string Name,
    Coverage Coverage,
    IReadOnlyList<string> CountryIso2s,
    long? DataMb,
    int? ValidityDays,
    bool IsUnlimited,
    bool TopUpAllowed,
    decimal CostUsd,
    decimal? RecommendedRetailUsd,
    bool RequiresTravelDate)
{
    /// <summary>The validity counts from purchase; otherwise from first use (or the travel date when one is required).</summary>
    public bool ValidityStartsAtPurchase { get; init; }
}

/// <summary>What the store asks the provider for when it provisions one order.</summary>
/// <param name="OrderReference">The order's own reference; sent upstream so the eSIM can be found again.</param>
/// <param name="Label">A human label (customer name and destination), visible to the reseller upstream.</param>
/// <param name="PackageId">Upstream package id (package model); null for wallet plans.</param>
/// <param name="FundAmountUsd">Amount to put on the wallet (wallet model); null for packages.</param>
/// <param name="TravelStartDate">Travel start date for packages that need one.</param>
public sealed record ProvisionRequest(
    string OrderReference,
    string Label,
    string? PackageId,
    decimal? FundAmountUsd,
    DateOnly? TravelStartDate = null);

/// <summary>An eSIM as the upstream created it. <see cref="ActivationCode"/> is secret: never log it.</summary>
public sealed record UpstreamEsim(
    string Iccid,
    string ActivationCode,
    string? UpstreamId,
    string? QrCodePngDataUrl,
    string? UpstreamOrderReference);

public enum EsimState { Unknown, NotInstalled, Active, Suspended, Depleted, Expired, Terminated }

/// <summary>A reading of one eSIM's status and what is left on it, at <see cref="ReadAt"/>.</summary>
public sealed record EsimReading(
    string Iccid,
    EsimState State,
    decimal? WalletBalanceUsd,
    long? DataRemainingMb,
    long? DataTotalMb,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset ReadAt);

public sealed class NotSupportedByProviderException(string provider, string operation)
    : Exception($"Provider '{provider}' does not support {operation}.");

/// <summary>
/// An upstream call failed. <see cref="Retryable"/> says whether trying again later can succeed (rate limit, 5xx,
/// timeout); <see cref="OutcomeUnknown"/> says the upstream may have done the work (lost response), so a chargeable
/// call must be looked up before it is repeated.
/// </summary>
public class UpstreamException(string provider, string code, string message, bool retryable, bool outcomeUnknown = false,
    TimeSpan? retryAfter = null, Exception? inner = null) : Exception(message, inner)
{
    public string Provider { get; } = provider;
    public string Code { get; } = code;
    public bool Retryable { get; } = retryable;
    public bool OutcomeUnknown { get; } = outcomeUnknown;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
