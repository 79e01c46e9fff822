using Storefront.Infrastructure;

namespace Storefront.Features.Catalog;

internal sealed class CatalogSlice : IStoreSlice
{
    public void AddTo(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<CatalogReader>();
        services.AddScoped<PricingCalculator>();
        services.AddScoped<CatalogSync>();
        services.AddSingleton<CatalogReadiness>();
        services.AddHealthChecks().AddCheck<CatalogReadyCheck>("catalogue", tags: ["ready"]);
        // The catalogue pages are the same for every visitor; each sync evicts them.
        services.AddOutputCache(o => o.AddPolicy(CatalogController.CachePolicy,
            b => b.Expire(TimeSpan.FromMinutes(1)).Tag(CatalogController.CachePolicy).SetVaryByQuery("q", "cancelled")));
    }
}
