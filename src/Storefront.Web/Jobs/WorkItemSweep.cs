using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Domain;

namespace Storefront.Jobs;

/// <summary>
/// Hands Hangfire the work it may not have: items still pending well after they were due (the process stopped between
/// the commit and the enqueue, or in-memory job storage went with a restart) and items whose runner died (running past
/// their lease). A second job for an item Hangfire still has is harmless: the first to claim the item runs it.
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
        var now = clock.GetUtcNow();
        var abandoned = await db.WorkItems.AsNoTracking()
            .Where(w => w.Status == WorkItemStatus.Running && w.LockedUntil < now)
            .OrderBy(w => w.LockedUntil).Select(w => w.Id).Take(BatchSize).ToListAsync(ct);
        if (abandoned.Count > 0)
            await db.WorkItems.Where(w => abandoned.Contains(w.Id) && w.Status == WorkItemStatus.Running && w.LockedUntil < now)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(w => w.Status, WorkItemStatus.Pending)
                    .SetProperty(w => w.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(w => w.NextRunAt, now), ct);

        var overdue = now - overdueBy;
        var lost = await db.WorkItems.AsNoTracking()
            .Where(w => w.Status == WorkItemStatus.Pending && w.NextRunAt <= overdue)
            .OrderBy(w => w.NextRunAt).Select(w => w.Id).Take(BatchSize).ToListAsync(ct);
        // Due now, so the next sweep waits a whole interval before handing the same item over again.
        if (lost.Count > 0)
            await db.WorkItems.Where(w => lost.Contains(w.Id) && w.Status == WorkItemStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.NextRunAt, now), ct);

        var handed = abandoned.Union(lost).ToList();
        foreach (var id in handed)
            jobs.Enqueue<WorkItemJob>(job => job.RunAsync(id, CancellationToken.None));
        if (handed.Count > 0)
            logger.LogWarning("Handed {Count} work item(s) to Hangfire again ({Abandoned} whose runner stopped, {Lost} never received)",
                handed.Count, abandoned.Count, lost.Count);
    }
}
