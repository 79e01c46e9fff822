namespace Storefront.Domain;

/// <summary>
/// The plan and price exactly as sold, copied onto the order at checkout. Later catalogue changes never touch it.
/// </summary>
public sealed record PlanSnapshot
{
    public required Guid PlanId { get; init; }
    public required string Sku { get; init; }
    public required string Provider { get; init; }
    public required string Name { get; init; }
    public string? CountryIso2 { get; init; }
    public required string CoverageName { get; init; }
    public decimal? DataGb { get; init; }
    public int? ValidityDays { get; init; }
    public bool IsUnlimited { get; init; }
    public bool TopUpAllowed { get; init; }
    public string? UpstreamPackageId { get; init; }
    /// <summary>Wallet model: what the eSIM's wallet is funded with.</summary>
    public decimal? FundAmountUsd { get; init; }
    /// <summary>What the reseller pays upstream for this plan (fees included).</summary>
    public required decimal CostUsd { get; init; }
    public required decimal Price { get; init; }
    public required string Currency { get; init; }

    public Money RetailPrice => new(Price, Currency);
}
