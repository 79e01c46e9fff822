using Storefront.Domain;

namespace Storefront.Providers;

/// <summary>A country the provider covers; for wallet providers with the per-GB price of each network.</summary>
public sealed record UpstreamCountry(string Iso2, string Name, IReadOnlyList<NetworkRate> Networks)
{
    public decimal? CheapestPerGbUsd => Networks.Count == 0 ? null : Networks.Min(n => n.PerGbUsd);
}
