using System.Runtime.CompilerServices;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Domain;

namespace Storefront.Jobs;

/// <summary>
/// Hands the work items a save added to Hangfire once that save has committed. Should the process stop in between,
/// <see cref="WorkItemSweep"/> hands them over later: the row is the durable record, the Hangfire job only a prompt.
/// </summary>
public sealed class EnqueueCommittedWork(IServiceProvider services, ILogger<EnqueueCommittedWork> logger) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, WorkItem[]> _added = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        HandOver(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        HandOver(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context) _added.Remove(context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private void Remember(DbContext? context)
    {
        if (context is null) return;
        var added = context.ChangeTracker.Entries<WorkItem>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToArray();
        if (added.Length > 0) _added.AddOrUpdate(context, added);
        else _added.Remove(context);
    }

    private void HandOver(DbContext? context)
    {
        if (context is null || !_added.TryGetValue(context, out var added)) return;
        _added.Remove(context);
        // Resolved late: job storage may open its own database connection, which must not happen before migrations ran.
        var jobs = services.GetRequiredService<IBackgroundJobClient>();
        foreach (var item in added)
        {
            try
            {
                jobs.Enqueue(item);
            }
            catch (Exception e)
            {
                logger.LogWarning("Work item {Kind} is saved but Hangfire could not take it yet ({Error}); the sweep will hand it over",
                    item.Kind, e.Message);
            }
        }
    }
}

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

public static class WorkItemJobs
{
    /// <summary>Queues the item's job, or schedules it when the item waits (e.g. the auto-refund grace period).</summary>
    public static void Enqueue(this IBackgroundJobClient jobs, WorkItem item)
    {
        var id = item.Id;
        if (item.NextRunAt > item.CreatedAt)
            jobs.Schedule<WorkItemJob>(job => job.RunAsync(id, CancellationToken.None), item.NextRunAt);
        else
            jobs.Enqueue<WorkItemJob>(job => job.RunAsync(id, CancellationToken.None));
    }
}
