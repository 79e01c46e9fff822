using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Features.Catalog;
using Storefront.Infrastructure;
using Storefront.Providers;

namespace Storefront.Features.TopUps;

public sealed record TopUpOption(string Id, string Name, decimal? DataGb, int? ValidityDays, bool IsUnlimited, decimal Price, string Currency,
    decimal CostUsd, decimal? FundAmountUsd, string? UpstreamPackageId)
{
    public Money RetailPrice => new(Price, Currency);

    public PlanSnapshot Snapshot(Order original) => new()
    {
        PlanId = original.Plan.PlanId,
        Sku = $"topup:{original.Plan.Provider}:{Id}",
        Provider = original.Plan.Provider,
        Name = Name,
        CountryIso2 = original.Plan.CountryIso2,
        CoverageName = original.Plan.CoverageName,
        DataGb = DataGb,
        ValidityDays = ValidityDays,
        IsUnlimited = IsUnlimited,
        TopUpAllowed = true,
        UpstreamPackageId = UpstreamPackageId,
        FundAmountUsd = FundAmountUsd,
        CostUsd = CostUsd,
        Price = Price,
        Currency = Currency,
    };
}

/// <summary>
/// What an eSIM can be topped up with: for wallet providers, the plan sizes at the destination's rate; for package
/// providers, the upstream's top-up packages for that eSIM (asked when the customer opens the top-up page, never on
/// the order page itself), with the reseller's markup.
/// </summary>
public sealed class TopUpCatalog(StorefrontDbContext db, IEsimProvider provider, PricingCalculator pricing, IOptions<PricingOptions> pricingOptions)
{
    public static bool CanTopUp(Order order, Esim esim, IEsimProvider provider) =>
        order.Kind == OrderKind.Esim
        && order.Status == OrderStatus.Delivered
        && order.Plan.TopUpAllowed
        && order.Plan.Provider == provider.Name
        && provider is ITopUps
        && esim.Iccid is not null
        && esim.State is not (EsimState.Terminated or EsimState.Expired);

    public async Task<IReadOnlyList<TopUpOption>> OptionsAsync(Order order, Esim esim, CancellationToken ct)
    {
        if (!CanTopUp(order, esim, provider) || provider is not ITopUps topUps) return [];
        if (provider is IWalletFunding)
        {
            var perGb = await db.Countries.AsNoTracking().Where(c => c.Iso2 == order.Plan.CountryIso2).Select(c => c.CheapestPerGbUsd).SingleOrDefaultAsync(ct);
            if (perGb is not > 0) return [];
            var country = order.Plan.Name.Split(' ')[0];
            return pricingOptions.Value.EffectivePlanSizesGb.Select(gb =>
            {
                var price = pricing.PriceWalletTopUp(gb, perGb.Value);
                var id = "wallet-" + gb.ToString(CultureInfo.InvariantCulture) + "gb";
                return new TopUpOption(id, $"{country} +{gb:0.##} GB", gb, null, false, price.Retail, PricingCalculator.Currency,
                    price.UpstreamCostUsd, price.FundAmountUsd, null);
            }).ToList();
        }
        var packages = await topUps.ListTopUpsAsync(esim.Iccid!, ct);
        return packages
            .Where(p => p.CostUsd > 0)
            .Select(p =>
            {
                var price = pricing.PricePackage(p.CostUsd, p.RecommendedRetailUsd);
                return new TopUpOption(p.Id, p.Name, p.DataMb is { } mb ? decimal.Round(mb / 1024m, 2) : null, p.ValidityDays, p.IsUnlimited,
                    price.Retail, PricingCalculator.Currency, price.UpstreamCostUsd, null, p.Id);
            })
            .OrderBy(o => o.IsUnlimited).ThenBy(o => o.DataGb).ThenBy(o => o.Price)
            .ToList();
    }
}
