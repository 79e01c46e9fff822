using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Jobs;
using Storefront.Providers;

namespace Storefront.Features.Orders;

/// <summary>
/// Reads eSIMs from the upstream and records what changed: activation, running low (which queues the top-up
/// reminder, once per fill), used up. Driven by the usage refresh schedule and by provider webhooks.
/// </summary>
public sealed class EsimReadings(IEsimProvider provider, WorkQueue work, TimeProvider clock)
{
    public async Task RefreshAsync(Esim esim, Order order, CancellationToken ct)
    {
        var before = (esim.State, esim.IsRunningLow);
        esim.Apply(await provider.ReadEsimAsync(esim.Iccid!, ct));
        var now = clock.GetUtcNow();
        if (before.State != esim.State)
            order.Record(now, "esim.state", $"eSIM {ProvisionOrderHandler.Tail(esim.Iccid)} is now {esim.State}.");
        if (esim.IsRunningLow && esim.LowBalanceNotifiedAt is null && order.Status == OrderStatus.Delivered)
        {
            esim.LowBalanceNotified(now);
            await work.EnqueueAsync(WorkKinds.SendLowBalanceEmail, order.Id, $"email:low:{esim.Id}:{now.ToUnixTimeSeconds()}", esim.Id.ToString(), ct);
        }
    }
}

/// <summary>Refreshes the readings of delivered eSIMs that are still in use, oldest reading first (a recurring job).</summary>
public sealed class UsageRefreshJob(StorefrontDbContext db, EsimReadings readings, TimeProvider clock, ILogger<UsageRefreshJob> logger)
{
    private const int BatchSize = 200;

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Every eSIM's reading can wait for orders: under an upstream rate limit this sweep takes only the spare calls.
        using var _ = Infrastructure.UpstreamPacer.Background();
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
                logger.LogWarning("Could not read eSIM {IccidTail}: {Error}", ProvisionOrderHandler.Tail(esim.Iccid), e.Message);
            }
        }
        if (esims.Count > 0)
            logger.LogInformation("Usage refreshed for {Count} eSIMs ({Failed} failed)", esims.Count - failed, failed);
    }
}

/// <summary>Acts on a verified provider webhook: re-reads the eSIM from the upstream (the event is only a prompt).</summary>
public sealed class ProviderEventHandler(StorefrontDbContext db, IEsimProvider provider, EsimReadings readings, ILogger<ProviderEventHandler> logger) : IWorkHandler
{
    public string Kind => WorkKinds.ProviderEvent;

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var iccid = item.Payload;
        if (string.IsNullOrEmpty(iccid)) return;
        var esim = await db.Esims.Include(e => e.Packages).SingleOrDefaultAsync(e => e.Provider == provider.Name && e.Iccid == iccid, ct);
        if (esim is null)
        {
            logger.LogInformation("Webhook about eSIM {IccidTail}, which is not one of this store's", ProvisionOrderHandler.Tail(iccid));
            return;
        }
        var order = await db.Orders.SingleAsync(o => o.Id == esim.OrderId, ct);
        await readings.RefreshAsync(esim, order, ct);
        await db.SaveChangesAsync(ct);
    }
}
