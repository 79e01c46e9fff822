using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Jobs;
using Storefront.Providers;

namespace Storefront.Features.Catalog;

/// <summary>Refreshes the catalogue from the upstream provider (hourly by default, and once at start). While the store
/// has nothing on sale, a failed sync is tried again a minute later instead of at the next scheduled run.</summary>
public sealed class CatalogRefresh(CatalogSync sync, CatalogReader reader, IOutputCacheStore pages, StorefrontDbContext db,
    RecurringWorkScheduler scheduler, IOptions<JobOptions> jobs, ILogger<CatalogRefresh> logger) : IRecurringWork
{
    private static readonly TimeSpan RetryWhenEmpty = TimeSpan.FromMinutes(1);

    public string Id => "catalog-sync";

    public TimeSpan? Interval => jobs.Value.CatalogSyncInterval;

    public bool RunAtStart => true;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sync.RunAsync(cancellationToken);
            reader.Invalidate();
            await pages.EvictByTagAsync(CatalogController.CachePolicy, cancellationToken);
        }
        catch (Exception e) when (e is UpstreamException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var empty = !await db.Plans.AnyAsync(p => p.IsActive, cancellationToken);
            logger.LogError("Catalogue sync failed: {Error}{Retry}", e.Message, empty ? $"; nothing is on sale, so it runs again in {RetryWhenEmpty}" : "");
            if (empty)
                scheduler.RunAgainIn(Id, RetryWhenEmpty);
        }
    }
}
