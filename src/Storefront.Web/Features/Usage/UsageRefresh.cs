using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Jobs;
using Storefront.Providers;

namespace Storefront.Features.Usage;

/// <summary>Refreshes the readings of delivered eSIMs that are still in use, oldest reading first (a recurring job).</summary>
public sealed class UsageRefresh(StorefrontDbContext db, EsimReadings readings, TimeProvider clock, IOptions<JobOptions> jobs,
    ILogger<UsageRefresh> logger) : IRecurringWork
{
    private const int BatchSize = 200;

    public string Id => "usage-refresh";

    public TimeSpan? Interval => jobs.Value.UsageRefreshInterval;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Every eSIM's reading can wait for orders: under an upstream rate limit this sweep takes only the spare calls.
        using var _ = UpstreamPacer.Background();
        var due = clock.GetUtcNow().AddMinutes(-5);
        var esims = await db.Esims
            .Where(e => e.Step == ProvisionStep.Ready && e.State != EsimState.Terminated && e.State != EsimState.Expired
                        && (e.ReadAt == null || e.ReadAt < due))
            .OrderBy(e => e.ReadAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var orders = await db.Orders.Where(o => esims.Select(e => e.OrderId).Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var failed = 0;
        foreach (var esim in esims)
        {
            try
            {
                await readings.RefreshAsync(esim, orders[esim.OrderId], cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (UpstreamException e)
            {
                failed++;
                logger.LogWarning("Could not read eSIM {IccidTail}: {Error}", Iccids.Tail(esim.Iccid), e.Message);
            }
        }
        if (esims.Count > 0)
            logger.LogInformation("Usage refreshed for {Count} eSIMs ({Failed} failed)", esims.Count - failed, failed);
    }
}
