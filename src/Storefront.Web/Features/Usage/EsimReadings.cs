using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Jobs;
using Storefront.Providers;

namespace Storefront.Features.Usage;

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
            order.Record(now, "esim.state", $"eSIM {Iccids.Tail(esim.Iccid)} is now {esim.State}.");
        if (esim.IsRunningLow && esim.LowBalanceNotifiedAt is null && order.Status == OrderStatus.Delivered)
        {
            esim.LowBalanceNotified(now);
            await work.EnqueueAsync(WorkKinds.SendLowBalanceEmail, order.Id, $"email:low:{esim.Id}:{now.ToUnixTimeSeconds()}", esim.Id.ToString(), ct);
        }
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
            logger.LogInformation("Webhook about eSIM {IccidTail}, which is not one of this store's", Iccids.Tail(iccid));
            return;
        }
        var order = await db.Orders.SingleAsync(o => o.Id == esim.OrderId, ct);
        await readings.RefreshAsync(esim, order, ct);
        await db.SaveChangesAsync(ct);
    }
}
