using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Domain;

namespace Storefront.Jobs;

/// <summary>
/// Hands Hangfire the work it may not have: items still pending well after they were due (the process stopped between
/// the commit and the enqueue, or in-memory job storage went with a restart) and items whose runner died (running past
/// their lease, <see cref="TakeOverExpiredAsync"/>). A second job for an item Hangfire still has is harmless: the first
/// to claim the item runs it.
/// </summary>
public sealed class WorkItemSweep(StorefrontDbContext db, IBackgroundJobClient jobs, TimeProvider clock, IOptions<JobOptions> options,
    ILogger<WorkItemSweep> logger)
{
    private const int BatchSize = 500;

    /// <summary>The recurring sweep: items overdue by more than one sweep interval.</summary>
    public Task RunAsync(CancellationToken ct) => HandOverAsync(options.Value.SweepInterval, ct);

    /// <summary>At start every due item is handed over at once (in-memory job storage starts empty).</summary>
    public async Task HandOverAsync(TimeSpan overdueBy, CancellationToken ct)
    {
        var abandoned = await TakeOverExpiredAsync(ct);
        var now = clock.GetUtcNow();
        var overdue = now - overdueBy;
        var lost = await db.WorkItems.AsNoTracking()
            .Where(w => w.Status == WorkItemStatus.Pending && w.NextRunAt <= overdue)
            .OrderBy(w => w.NextRunAt).Select(w => w.Id).Take(BatchSize).ToListAsync(ct);
        // Due now, so the next sweep waits a whole interval before handing the same item over again.
        if (lost.Count > 0)
            await db.WorkItems.Where(w => lost.Contains(w.Id) && w.Status == WorkItemStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.NextRunAt, now), ct);
        foreach (var id in lost)
            jobs.Enqueue<WorkItemJob>(job => job.RunAsync(id, CancellationToken.None));
        if (lost.Count > 0)
            logger.LogWarning("Handed {Count} work item(s) Hangfire never received to it again", lost.Count);
    }

    /// <summary>
    /// Items whose runner stopped renewing their lease (it died) go back to pending and to Hangfire; returns how many.
    /// Every node does this every third of a lease (<see cref="ExpiredLeaseWatch"/>): the update is conditional, so an
    /// item two nodes see at once is still run once.
    /// </summary>
    public async Task<int> TakeOverExpiredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = await db.WorkItems.AsNoTracking()
            .Where(w => w.Status == WorkItemStatus.Running && w.LockedUntil < now)
            .OrderBy(w => w.LockedUntil).Select(w => w.Id).Take(BatchSize).ToListAsync(ct);
        if (expired.Count == 0) return 0;
        await db.WorkItems.Where(w => expired.Contains(w.Id) && w.Status == WorkItemStatus.Running && w.LockedUntil < now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(w => w.Status, WorkItemStatus.Pending)
                .SetProperty(w => w.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(w => w.NextRunAt, now), ct);
        foreach (var id in expired)
            jobs.Enqueue<WorkItemJob>(job => job.RunAsync(id, CancellationToken.None));
        logger.LogWarning("Took over {Count} work item(s) whose runner stopped renewing its lease", expired.Count);
        return expired.Count;
    }
}
