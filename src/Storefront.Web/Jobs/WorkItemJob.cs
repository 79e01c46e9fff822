using System.Runtime.ExceptionServices;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Providers;

namespace Storefront.Jobs;

/// <summary>
/// The Hangfire job for one work item. The WorkItems row stays the truth: the job claims it with one conditional
/// update (so a second copy of the job, here or on another node, does nothing), runs its handler and records the
/// outcome on the row. A failure is retried by Hangfire at the delay chosen here (<see cref="RetryWorkItemLater"/>);
/// giving up marks the item failed and calls the handler's <see cref="IWorkHandler.OnGiveUpAsync"/> once.
/// </summary>
public sealed class WorkItemJob(
    StorefrontDbContext db,
    IEnumerable<IWorkHandler> handlers,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<JobOptions> options,
    ILogger<WorkItemJob> logger)
{
    /// <summary>A job that fires a little early (clocks of two nodes differ) may still take its item.</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(5);

    public async Task RunAsync(Guid id, CancellationToken ct)
    {
        var item = await ClaimAsync(id, ct);
        if (item is null) return;
        var handler = handlers.SingleOrDefault(h => h.Kind == item.Kind);
        using var _ = logger.BeginScope(new Dictionary<string, object?> { ["WorkItemId"] = item.Id, ["OrderId"] = item.OrderId });
        Exception? failure = null;
        var lease = new WorkItemLease(item, options.Value.Lease, scopes, clock, logger, ct);
        await using (lease)
        {
            try
            {
                if (handler is null) throw new PermanentFailureException($"No handler for work kind '{item.Kind}'.");
                await handler.HandleAsync(item, lease.Token);
            }
            catch (Exception e)
            {
                failure = e;
            }
        }
        if (lease.Lost)
        {
            logger.LogWarning("Work item {Kind} attempt {Attempts} stopped: another worker took it over", item.Kind, item.Attempts);
            return;
        }

        if (failure is null)
        {
            await RecordAsync(item, lease, WorkItemStatus.Succeeded);
            logger.LogInformation("Work item {Kind} succeeded after {Attempts} attempt(s)", item.Kind, item.Attempts);
            return;
        }
        if (failure is OperationCanceledException && ct.IsCancellationRequested)
        {
            // The node is stopping: hand the item back now, for a restart or another node to take at once.
            await RecordAsync(item, lease, WorkItemStatus.Pending, nextRunAt: clock.GetUtcNow(), error: item.LastError);
            logger.LogInformation("Work item {Kind} handed back: this node is stopping", item.Kind);
            ExceptionDispatchInfo.Throw(failure);
        }

        var giveUp = failure is PermanentFailureException
                     || failure is UpstreamException { Retryable: false, OutcomeUnknown: false }
                     || item.Attempts >= options.Value.MaxAttempts;
        if (giveUp)
        {
            if (!await RecordAsync(item, lease, WorkItemStatus.Failed, error: Describe(failure))) return;
            logger.LogError("Work item {Kind} failed for good after {Attempts} attempt(s): {Error}", item.Kind, item.Attempts, Describe(failure));
            if (handler is not null)
            {
                try { await handler.OnGiveUpAsync(item, failure, CancellationToken.None); }
                catch (Exception e) { logger.LogError(e, "Giving up on work item {Kind} failed", item.Kind); }
            }
            ExceptionDispatchInfo.Throw(failure);
        }
        var delay = options.Value.RetryDelay(item.Attempts, failure);
        if (!await RecordAsync(item, lease, WorkItemStatus.Pending, nextRunAt: clock.GetUtcNow() + delay, error: Describe(failure))) return;
        logger.LogWarning("Work item {Kind} attempt {Attempts} failed, retrying in {Delay}: {Error}", item.Kind, item.Attempts, delay, Describe(failure));
        throw new WorkItemRetryException(delay, item.Attempts, failure);
    }

    /// <summary>Takes the item when it is due and nobody holds it (or its holder's lease ran out), counting the attempt.</summary>
    private async Task<WorkItem?> ClaimAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = now + ClockTolerance;
        var lockedUntil = now + options.Value.Lease;
        var claimed = await db.WorkItems
            .Where(w => w.Id == id && ((w.Status == WorkItemStatus.Pending && w.NextRunAt <= due)
                                       || (w.Status == WorkItemStatus.Running && w.LockedUntil < now)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(w => w.Status, WorkItemStatus.Running)
                .SetProperty(w => w.LockedUntil, lockedUntil)
                .SetProperty(w => w.Attempts, w => w.Attempts + 1), ct);
        return claimed == 1 ? await db.WorkItems.AsNoTracking().SingleAsync(w => w.Id == id, ct) : null;
    }

    /// <summary>Records the attempt's outcome while this run still holds the item; false when the lease was lost.</summary>
    private async Task<bool> RecordAsync(WorkItem item, WorkItemLease lease, WorkItemStatus status, DateTimeOffset? nextRunAt = null,
        string? error = null)
    {
        var now = clock.GetUtcNow();
        var finished = status is WorkItemStatus.Succeeded or WorkItemStatus.Failed;
        var (held, sent) = (lease.Held, lease.Sent);
        var rows = await db.WorkItems
            .Where(w => w.Id == item.Id && w.Status == WorkItemStatus.Running && (w.LockedUntil == held || w.LockedUntil == sent))
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(w => w.Status, status)
                    .SetProperty(w => w.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(w => w.LastError, error);
                if (nextRunAt is { } runAt) s.SetProperty(w => w.NextRunAt, runAt);
                if (finished) s.SetProperty(w => w.CompletedAt, now);
            }, CancellationToken.None);
        if (rows == 0)
            logger.LogWarning("Work item {Kind} was taken over by another worker before attempt {Attempts} was recorded", item.Kind, item.Attempts);
        return rows == 1;
    }

    /// <summary>Error text kept for staff: the exception's own message, which never holds payloads or secrets.</summary>
    private static string Describe(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message}";
        return text.Length > 2000 ? text[..2000] : text;
    }
}

/// <summary>An attempt failed and the item is due again after <see cref="Delay"/> (already recorded on its row).</summary>
public sealed class WorkItemRetryException(TimeSpan delay, int attempts, Exception failure)
    : Exception($"Attempt {attempts} failed ({failure.GetType().Name}: {failure.Message}); retrying in {delay}.", failure)
{
    public TimeSpan Delay { get; } = delay;
}

/// <summary>
/// Hangfire's retry for work items, at the delay the job chose and recorded: its backoff, or the upstream's own
/// Retry-After (Hangfire's AutomaticRetry can only count attempts). Other failures stay failed.
/// </summary>
public sealed class RetryWorkItemLater : JobFilterAttribute, IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is FailedState { Exception: WorkItemRetryException retry })
            context.CandidateState = new ScheduledState(retry.Delay) { Reason = $"Retry attempt: {retry.Message}" };
    }
}
