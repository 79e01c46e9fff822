using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Infrastructure;
using Storefront.Providers;
using Microsoft.Extensions.Options;

namespace Storefront.Features.Catalog;

/// <summary>
/// Turns the upstream catalogue into the store's countries and plans. Runs on a schedule; page views only read the
/// database. Plans that disappear upstream (or belong to another provider) stop being sold but are never deleted.
/// </summary>
public sealed class CatalogSync(
    StorefrontDbContext db,
    IEsimProvider provider,
    PricingCalculator pricing,
    IOptions<PricingOptions> pricingOptions,
    TimeProvider clock,
    ILogger<CatalogSync> logger)
{
    public async Task<CatalogSyncResult> RunAsync(CancellationToken ct)
    {
        var catalog = await provider.FetchCatalogAsync(ct);
        var now = clock.GetUtcNow();
        var plans = provider is IWalletFunding ? WalletPlans(catalog) : PackagePlans(catalog);

        var countries = await db.Countries.ToDictionaryAsync(c => c.Iso2, ct);
        var upstreamCountries = catalog.Countries.ToDictionary(c => c.Iso2.ToUpperInvariant());
        var sold = plans.SelectMany(p => p.Countries.Select(c => c.CountryIso2)).ToHashSet();
        foreach (var iso2 in sold.Union(upstreamCountries.Keys))
        {
            upstreamCountries.TryGetValue(iso2, out var upstream);
            if (!countries.TryGetValue(iso2, out var country))
            {
                country = new Country { Iso2 = iso2, Name = upstream?.Name ?? CountryNames.Of(iso2) };
                db.Countries.Add(country);
                countries[iso2] = country;
            }
            country.Name = upstream?.Name ?? country.Name;
            country.Networks = upstream is null ? "" : Country.FormatNetworks(upstream.Networks.OrderBy(n => n.PerGbUsd));
            country.CheapestPerGbUsd = upstream?.CheapestPerGbUsd;
            country.IsActive = sold.Contains(iso2);
            country.UpdatedAt = now;
        }
        foreach (var country in countries.Values.Where(c => !sold.Contains(c.Iso2)))
            country.IsActive = false;

        var existing = await db.Plans.Include(p => p.Countries).ToDictionaryAsync(p => p.Sku, ct);
        var seen = new HashSet<string>();
        foreach (var plan in plans)
        {
            seen.Add(plan.Sku);
            plan.UpdatedAt = now;
            if (existing.TryGetValue(plan.Sku, out var current))
            {
                current.Name = plan.Name;
                current.Coverage = plan.Coverage;
                current.CountryIso2 = plan.CountryIso2;
                current.DataGb = plan.DataGb;
                current.ValidityDays = plan.ValidityDays;
                current.IsUnlimited = plan.IsUnlimited;
                current.TopUpAllowed = plan.TopUpAllowed;
                current.RequiresTravelDate = plan.RequiresTravelDate;
                current.ValidityStartsAtPurchase = plan.ValidityStartsAtPurchase;
                current.UpstreamPackageId = plan.UpstreamPackageId;
                current.FundAmountUsd = plan.FundAmountUsd;
                current.CostUsd = plan.CostUsd;
                current.Price = plan.Price;
                current.Currency = plan.Currency;
                current.SortOrder = plan.SortOrder;
                current.IsActive = true;
                current.UpdatedAt = now;
                var wanted = plan.Countries.Select(c => c.CountryIso2).ToHashSet();
                current.Countries.RemoveAll(c => !wanted.Contains(c.CountryIso2));
                foreach (var iso2 in wanted.Where(w => current.Countries.All(c => c.CountryIso2 != w)))
                    current.Countries.Add(new PlanCountry { CountryIso2 = iso2 });
            }
            else
            {
                db.Plans.Add(plan);
            }
        }
        var retired = existing.Values.Where(p => p.IsActive && !seen.Contains(p.Sku)).ToList();
        foreach (var plan in retired)
        {
            plan.IsActive = false;
            plan.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        var result = new CatalogSyncResult(provider.Name, sold.Count, plans.Count, retired.Count);
        logger.LogInformation("Catalogue synced from {Provider}: {Countries} countries, {Plans} plans on sale, {Retired} retired",
            result.Provider, result.Countries, result.Plans, result.Retired);
        return result;
    }

    private List<Plan> WalletPlans(UpstreamCatalog catalog)
    {
        var plans = new List<Plan>();
        foreach (var country in catalog.Countries)
        {
            if (country.CheapestPerGbUsd is not { } perGb || perGb <= 0) continue;
            var iso2 = country.Iso2.ToUpperInvariant();
            var order = 0;
            foreach (var gb in pricingOptions.Value.EffectivePlanSizesGb)
            {
                var price = pricing.PriceWalletPlan(gb, perGb);
                plans.Add(new Plan
                {
                    Sku = $"{provider.Name}:{iso2}:{gb.ToString(System.Globalization.CultureInfo.InvariantCulture)}GB",
                    Provider = provider.Name,
                    Name = $"{country.Name} {gb:0.##} GB",
                    Coverage = Coverage.Local,
                    CountryIso2 = iso2,
                    DataGb = gb,
                    TopUpAllowed = provider is ITopUps,
                    FundAmountUsd = price.FundAmountUsd,
                    CostUsd = price.UpstreamCostUsd,
                    Price = price.Retail,
                    Currency = PricingCalculator.Currency,
                    SortOrder = order++,
                    Countries = [new PlanCountry { CountryIso2 = iso2 }],
                });
            }
        }
        return plans;
    }

    private List<Plan> PackagePlans(UpstreamCatalog catalog) => catalog.Packages
        .Where(p => p.CountryIso2s.Count > 0 && p.CostUsd > 0)
        .Select(p =>
        {
            var price = pricing.PricePackage(p.CostUsd, p.RecommendedRetailUsd);
            var countries = p.CountryIso2s.Select(c => c.ToUpperInvariant()).Distinct().ToList();
            return new Plan
            {
                Sku = $"{provider.Name}:{p.Id}",
                Provider = provider.Name,
                Name = p.Name,
                Coverage = p.Coverage,
                CountryIso2 = p.Coverage == Coverage.Local && countries.Count == 1 ? countries[0] : null,
                DataGb = p.DataMb is { } mb ? decimal.Round(mb / 1024m, 2) : null,
                ValidityDays = p.ValidityDays,
                IsUnlimited = p.IsUnlimited,
                TopUpAllowed = p.TopUpAllowed && provider is ITopUps,
                RequiresTravelDate = p.RequiresTravelDate,
                ValidityStartsAtPurchase = p.ValidityStartsAtPurchase,
                UpstreamPackageId = p.Id,
                CostUsd = price.UpstreamCostUsd,
                Price = price.Retail,
                Currency = PricingCalculator.Currency,
                SortOrder = (int)Math.Min(int.MaxValue, (p.DataMb ?? long.MaxValue / 2) / 64),
                Countries = countries.Select(c => new PlanCountry { CountryIso2 = c }).ToList(),
            };
        })
        .ToList();
}

public sealed record CatalogSyncResult(string Provider, int Countries, int Plans, int Retired);
