using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Providers;

namespace Storefront.Jobs;

/// <summary>Section "Jobs".</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>The first retry delay; each further retry waits about three times longer, up to an hour.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public int MaxAttempts { get; set; } = 12;
    /// <summary>How long a claimed item stays locked before another worker may take it over (crash recovery).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
    public int Concurrency { get; set; } = 4;
    /// <summary>How often upstream catalogue is synced (Quartz).</summary>
    public TimeSpan CatalogSyncInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How often delivered eSIMs are read for status and balance (Quartz).</summary>
    public TimeSpan UsageRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Claims due work items (across all nodes: a claim is a conditional update) and runs them with retries and backoff.
/// The durable state is the WorkItems table, so a restart resumes where it stopped.
/// </summary>
public sealed class WorkItemDispatcher(
    IServiceScopeFactory scopes,
    WorkSignal signal,
    TimeProvider clock,
    IOptions<JobOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<WorkItemDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Work calls the in-process simulators through the server's own address, known once it listens.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetResult()))
            await started.Task;
        while (!stoppingToken.IsCancellationRequested)
        {
            List<WorkItem> claimed;
            try
            {
                claimed = await ClaimDueAsync(options.Value.Concurrency * 2, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Could not claim work items");
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                continue;
            }
            if (claimed.Count == 0)
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                continue;
            }
            await Parallel.ForEachAsync(claimed,
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = stoppingToken },
                async (item, ct) => await RunAsync(item, ct));
        }
    }

    /// <summary>Runs every due item now and returns how many ran; for tests and the admin "run now".</summary>
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        var total = 0;
        for (var claimed = await ClaimDueAsync(16, ct); claimed.Count > 0; claimed = await ClaimDueAsync(16, ct))
        {
            foreach (var item in claimed) await RunAsync(item, ct);
            total += claimed.Count;
        }
        return total;
    }

    private async Task<List<WorkItem>> ClaimDueAsync(int max, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var now = clock.GetUtcNow();
        var candidates = await db.WorkItems.AsNoTracking()
            .Where(w => (w.Status == WorkItemStatus.Pending && w.NextRunAt <= now)
                        || (w.Status == WorkItemStatus.Running && w.LockedUntil < now))
            .OrderBy(w => w.NextRunAt)
            .Take(max)
            .ToListAsync(ct);

        var claimed = new List<WorkItem>();
        foreach (var c in candidates)
        {
            var lockedUntil = now + options.Value.Lease;
            var rows = await db.WorkItems
                .Where(w => w.Id == c.Id && w.Status == c.Status && w.LockedUntil == c.LockedUntil && w.Attempts == c.Attempts)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(w => w.Status, WorkItemStatus.Running)
                    .SetProperty(w => w.LockedUntil, lockedUntil)
                    .SetProperty(w => w.Attempts, c.Attempts + 1), ct);
            if (rows != 1) continue;
            c.Status = WorkItemStatus.Running;
            c.LockedUntil = lockedUntil;
            c.Attempts++;
            claimed.Add(c);
        }
        return claimed;
    }

    private async Task RunAsync(WorkItem item, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices<IWorkHandler>().SingleOrDefault(h => h.Kind == item.Kind);
        using var _ = logger.BeginScope(new Dictionary<string, object?> { ["WorkItemId"] = item.Id, ["OrderId"] = item.OrderId });
        Exception? failure = null;
        try
        {
            if (handler is null) throw new PermanentFailureException($"No handler for work kind '{item.Kind}'.");
            await handler.HandleAsync(item, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            failure = e;
        }

        var now = clock.GetUtcNow();
        var giveUp = failure is PermanentFailureException
                     || (failure is UpstreamException { Retryable: false, OutcomeUnknown: false })
                     || (failure is not null && item.Attempts >= options.Value.MaxAttempts);
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var stored = await db.WorkItems.SingleAsync(w => w.Id == item.Id, CancellationToken.None);
        if (failure is null)
        {
            stored.Status = WorkItemStatus.Succeeded;
            stored.CompletedAt = now;
            stored.LastError = null;
            stored.LockedUntil = null;
            logger.LogInformation("Work item {Kind} succeeded after {Attempts} attempt(s)", item.Kind, item.Attempts);
        }
        else if (giveUp)
        {
            stored.Status = WorkItemStatus.Failed;
            stored.CompletedAt = now;
            stored.LastError = Describe(failure);
            stored.LockedUntil = null;
            logger.LogError("Work item {Kind} failed for good after {Attempts} attempt(s): {Error}", item.Kind, item.Attempts, stored.LastError);
        }
        else
        {
            var delay = Backoff(item.Attempts, failure);
            stored.Status = WorkItemStatus.Pending;
            stored.NextRunAt = now + delay;
            stored.LastError = Describe(failure);
            stored.LockedUntil = null;
            logger.LogWarning("Work item {Kind} attempt {Attempts} failed, retrying in {Delay}: {Error}", item.Kind, item.Attempts, delay, stored.LastError);
        }
        await db.SaveChangesAsync(CancellationToken.None);

        if (failure is not null && giveUp && handler is not null)
        {
            try { await handler.OnGiveUpAsync(item, failure, CancellationToken.None); }
            catch (Exception e) { logger.LogError(e, "Giving up on work item {Kind} failed", item.Kind); }
        }
    }

    private TimeSpan Backoff(int attempts, Exception failure)
    {
        var seconds = options.Value.RetryBaseDelay.TotalSeconds * Math.Pow(3, Math.Max(0, attempts - 1));
        var delay = TimeSpan.FromSeconds(Math.Min(seconds, 3600) * (0.8 + Random.Shared.NextDouble() * 0.4));
        return failure is UpstreamException { RetryAfter: { } after } && after > delay ? after : delay;
    }

    /// <summary>Error text kept for staff: the exception's own message, which never holds payloads or secrets.</summary>
    private static string Describe(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message}";
        return text.Length > 2000 ? text[..2000] : text;
    }
}
