namespace Storefront.Providers;

/// <summary>What the store asks the provider for when it creates one eSIM of an order.</summary>
/// <param name="OrderReference">The eSIM's own reference; sent upstream so the eSIM can be found again.</param>
/// <param name="Label">A human label (customer name and plan), visible to the reseller upstream.</param>
/// <param name="PackageId">Upstream package id (package providers); null for wallet plans, which are funded after.</param>
/// <param name="TravelStartDate">Travel start date for packages that need one.</param>
public sealed record ProvisionRequest(
    string OrderReference,
    string Label,
    string? PackageId,
    DateOnly? TravelStartDate = null);
