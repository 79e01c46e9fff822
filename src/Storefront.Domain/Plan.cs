namespace Storefront.Domain;

/// <summary>
/// A plan on sale: built from the upstream catalogue with the reseller's pricing. Plans that disappear upstream are
/// deactivated, never deleted, so orders that reference them stay valid.
/// </summary>
public sealed class Plan
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Stable identity across catalogue refreshes, e.g. "citrus:JP:5GB".</summary>
    public required string Sku { get; set; }
    public required string Provider { get; set; }
    public required string Name { get; set; }
    public Coverage Coverage { get; set; }
    /// <summary>The country page the plan is listed on; null for regional and global plans.</summary>
    public string? CountryIso2 { get; set; }
    public decimal? DataGb { get; set; }
    public int? ValidityDays { get; set; }
    public bool IsUnlimited { get; set; }
    public bool TopUpAllowed { get; set; }
    /// <summary>The plan starts on a date the traveller picks at checkout (validity counts from then).</summary>
    public bool RequiresTravelDate { get; set; }
    /// <summary>The validity counts from purchase rather than from the first connection.</summary>
    public bool ValidityStartsAtPurchase { get; set; }
    public string? UpstreamPackageId { get; set; }
    public decimal? FundAmountUsd { get; set; }
    public decimal CostUsd { get; set; }
    public decimal Price { get; set; }
    public required string Currency { get; set; }
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<PlanCountry> Countries { get; set; } = [];

    public Money RetailPrice => new(Price, Currency);

    public decimal? PricePerGb => DataGb is > 0 ? decimal.Round(Price / DataGb.Value, 2) : null;

    public PlanSnapshot Snapshot() => new()
    {
        PlanId = Id,
        Sku = Sku,
        Provider = Provider,
        Name = Name,
        CountryIso2 = CountryIso2,
        CoverageName = Coverage.ToString(),
        DataGb = DataGb,
        ValidityDays = ValidityDays,
        IsUnlimited = IsUnlimited,
        TopUpAllowed = TopUpAllowed,
        UpstreamPackageId = UpstreamPackageId,
        FundAmountUsd = FundAmountUsd,
        CostUsd = CostUsd,
        Price = Price,
        Currency = Currency,
    };
}
