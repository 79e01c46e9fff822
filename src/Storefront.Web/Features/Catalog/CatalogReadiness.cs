using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Storefront.Data;
using Storefront.Providers;

namespace Storefront.Features.Catalog;

/// <summary>
/// Whether the store has anything to sell: plans of its provider on sale, which on a new database is only after the
/// first catalogue sync has succeeded (a minute or more when the provider fails at first). Until then the store is not
/// ready (/healthz/ready) and the catalogue pages say it is loading. Once true it stays true: a later failed sync
/// keeps the plans already on sale.
/// </summary>
public sealed class CatalogReadiness(IServiceScopeFactory scopes)
{
    private volatile bool _onSale;

    public async Task<bool> IsOnSaleAsync(CancellationToken ct)
    {
        if (_onSale) return true;
        await using var scope = scopes.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<IEsimProvider>().Name;
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        return _onSale = await db.Plans.AnyAsync(p => p.IsActive && p.Provider == provider, ct);
    }
}

internal sealed class CatalogReadyCheck(CatalogReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await readiness.IsOnSaleAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Nothing is on sale yet: the first catalogue sync has not succeeded.");
}
