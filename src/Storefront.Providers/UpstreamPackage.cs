using Storefront.Domain;

namespace Storefront.Providers;

/// <summary>A package as the upstream sells it to the reseller (package providers).</summary>
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
