namespace Storefront.Jobs;

/// <summary>Section "Jobs".</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>How often Hangfire moves due retries and delayed work to its queue (and, on PostgreSQL, polls the queue).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>The first retry delay; each further retry waits about three times longer, up to an hour.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public int MaxAttempts { get; set; } = 12;
    /// <summary>
    /// How long a claim on a running item lasts unless renewed. The runner renews it every third of this while the handler
    /// runs, however long that takes, and every node looks for expired claims as often: work whose runner died (kill -9,
    /// a lost node) resumes elsewhere within about this long. On PostgreSQL it is also Hangfire's invisibility timeout
    /// (sliding), after which a job a dead node had fetched is queued again.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Hangfire workers on this node.</summary>
    public int Concurrency { get; set; } = 4;
    /// <summary>How often the sweep looks for work Hangfire never received (a crash between commit and enqueue) or whose
    /// runner died; an item is handed over again once it is this much overdue.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How often the upstream catalogue is synced (and once at start).</summary>
    public TimeSpan CatalogSyncInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How often delivered eSIMs are read for status and balance.</summary>
    public TimeSpan UsageRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>How often the reseller balance is read (when the provider reports it): orders held for want of it are retried
    /// once it is back, and staff are alerted below Store:ResellerBalanceAlertUsd.</summary>
    public TimeSpan ResellerBalanceCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The retry delay after <paramref name="attempts"/> failed attempts, or the upstream's own Retry-After when longer.</summary>
    public TimeSpan RetryDelay(int attempts, Exception failure)
    {
        var seconds = RetryBaseDelay.TotalSeconds * Math.Pow(3, Math.Max(0, attempts - 1));
        var delay = TimeSpan.FromSeconds(Math.Min(seconds, 3600) * (0.8 + Random.Shared.NextDouble() * 0.4));
        return failure is Providers.UpstreamException { RetryAfter: { } after } && after > delay ? after : delay;
    }
}
