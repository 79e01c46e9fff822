using Hangfire;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Features.Catalog;

namespace Storefront.Jobs;

/// <summary>Refreshes the catalogue from the upstream provider (hourly by default, and once at start). While the store
/// has nothing on sale, a failed sync is tried again a minute later instead of at the next scheduled run.</summary>
public sealed class CatalogSyncJob(CatalogSync sync, CatalogReader reader, IOutputCacheStore pages, StorefrontDbContext db,
    IBackgroundJobClient jobs, ILogger<CatalogSyncJob> logger)
{
    private static readonly TimeSpan RetryWhenEmpty = TimeSpan.FromMinutes(1);

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sync.RunAsync(cancellationToken);
            reader.Invalidate();
            await pages.EvictByTagAsync(CatalogController.CachePolicy, cancellationToken);
        }
        catch (Exception e) when (e is Providers.UpstreamException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var empty = !await db.Plans.AnyAsync(p => p.IsActive, cancellationToken);
            logger.LogError("Catalogue sync failed: {Error}{Retry}", e.Message, empty ? $"; nothing is on sale, so it runs again in {RetryWhenEmpty}" : "");
            if (empty)
                jobs.Schedule<CatalogSyncJob>(job => job.RunAsync(CancellationToken.None), RetryWhenEmpty);
        }
    }
}
