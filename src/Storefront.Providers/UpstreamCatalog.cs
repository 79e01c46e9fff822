namespace Storefront.Providers;

public sealed record UpstreamCatalog(IReadOnlyList<UpstreamCountry> Countries, IReadOnlyList<UpstreamPackage> Packages);
