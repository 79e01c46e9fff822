using System.Runtime.CompilerServices;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
