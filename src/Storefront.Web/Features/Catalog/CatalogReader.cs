using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Storefront.Data;
using Storefront.Domain;

namespace Storefront.Features.Catalog;

public sealed record DestinationSummary(string Iso2, string Name, decimal? FromPrice, string Currency);

public sealed record CountryPage(Country Country, IReadOnlyList<Plan> Plans);

/// <summary>
/// What the catalogue pages read: the database only (never the upstream), cached briefly in memory because every
/// visitor asks the same questions. A catalogue sync clears the cache.
/// </summary>
public sealed class CatalogReader(StorefrontDbContext db, IMemoryCache cache)
{
    private const string DestinationsKey = "catalog:destinations";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<DestinationSummary>> DestinationsAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(DestinationsKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            var countries = await db.Countries.AsNoTracking().Where(c => c.IsActive).ToListAsync(ct);
            // Decimal aggregates do not translate on SQLite; the plan list is small, so take the minimum here.
            var prices = await db.PlanCountries.AsNoTracking()
                .Join(db.Plans.Where(p => p.IsActive), pc => pc.PlanId, p => p.Id, (pc, p) => new { pc.CountryIso2, p.Price, p.Currency })
                .ToListAsync(ct);
            var from = prices.GroupBy(p => p.CountryIso2).ToDictionary(g => g.Key, g => g.MinBy(p => p.Price)!);
            return countries
                .Select(c => new DestinationSummary(c.Iso2, c.Name, from.GetValueOrDefault(c.Iso2)?.Price,
                    from.GetValueOrDefault(c.Iso2)?.Currency ?? PricingCalculator.Currency))
                .Where(d => d.FromPrice is not null)
                .OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
        }))!;

    public async Task<IReadOnlyList<DestinationSummary>> SearchAsync(string query, CancellationToken ct)
    {
        var q = query.Trim();
        var all = await DestinationsAsync(ct);
        if (q.Length == 0) return all;
        return all
            .Where(d => d.Iso2.Equals(q, StringComparison.OrdinalIgnoreCase) || d.Name.Contains(q, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(d => d.Iso2.Equals(q, StringComparison.OrdinalIgnoreCase))
            .ThenByDescending(d => d.Name.StartsWith(q, StringComparison.OrdinalIgnoreCase))
            .ThenBy(d => d.Name)
            .ToList();
    }

    public async Task<CountryPage?> CountryAsync(string iso2, CancellationToken ct) =>
        await cache.GetOrCreateAsync($"catalog:country:{iso2.ToUpperInvariant()}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            var code = iso2.ToUpperInvariant();
            var country = await db.Countries.AsNoTracking().SingleOrDefaultAsync(c => c.Iso2 == code && c.IsActive, ct);
            if (country is null) return null;
            var plans = await db.Plans.AsNoTracking()
                .Where(p => p.IsActive && p.Countries.Any(c => c.CountryIso2 == code))
                .ToListAsync(ct);
            return new CountryPage(country, plans
                .OrderBy(p => p.Coverage).ThenBy(p => p.IsUnlimited).ThenBy(p => p.DataGb).ThenBy(p => p.ValidityDays).ThenBy(p => p.Price)
                .ToList());
        });

    /// <summary>A plan on sale, by SKU (for showing the checkout form; the order itself re-reads the database).</summary>
    public async Task<Plan?> PlanAsync(string? sku, CancellationToken ct) => string.IsNullOrEmpty(sku) || sku.Length > 200
        ? null
        : await cache.GetOrCreateAsync($"catalog:plan:{sku}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Sku == sku && p.IsActive, ct);
        });

    public void Invalidate()
    {
        if (cache is MemoryCache memory) memory.Clear();
        else cache.Remove(DestinationsKey);
    }
}
