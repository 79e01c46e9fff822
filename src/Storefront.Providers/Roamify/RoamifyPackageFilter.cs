using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Roamify;

/// <summary>
/// Optional filters of <c>GET /api/esim/packages</c> (docs/providers/roamify.md §2.3.2); country names and codes come
/// from the countries list.
/// </summary>
public sealed record RoamifyPackageFilter
{
    public string? Country { get; init; }
    public string? CountryCode { get; init; }
    public string? Geography { get; init; }
    public int? Days { get; init; }
    public decimal? Gbs { get; init; }
    public bool? IsUnlimited { get; init; }
    public string? PackageId { get; init; }
}
