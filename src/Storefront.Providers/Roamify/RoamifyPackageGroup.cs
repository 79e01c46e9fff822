using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Roamify;

/// <summary>A country, region or global group of packages (docs/providers/roamify.md §2.3.2).</summary>
public sealed record RoamifyPackageGroup
{
    public string Id { get; init; } = "";
    public string CountryName { get; init; } = "";
    public string CountryCode { get; init; } = "";
    public string? CountrySlug { get; init; }
    public string? Region { get; init; }
    /// <summary><see cref="RoamifyGeography"/>: local, regional or global.</summary>
    public string Geography { get; init; } = "";
    public decimal? MinPrice { get; init; }
    public decimal? MaxPrice { get; init; }
    public string? Image { get; init; }
    /// <summary>The countries covered, with their networks.</summary>
    public IReadOnlyList<RoamifySignal>? Signals { get; init; }
    public IReadOnlyList<RoamifyPackage>? Packages { get; init; }
}
