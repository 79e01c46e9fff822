namespace Storefront.Domain;

/// <summary>A country a plan works in.</summary>
public sealed class PlanCountry
{
    public Guid PlanId { get; set; }
    public required string CountryIso2 { get; set; }
}
