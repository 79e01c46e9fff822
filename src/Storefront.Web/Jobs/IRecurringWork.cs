namespace Storefront.Jobs;

/// <summary>
/// Work the engine runs on a schedule (the catalogue sync, the usage refresh, the reseller balance check): a plain
/// class of the slice that owns it, registered as <see cref="IRecurringWork"/>; <see cref="RecurringWorkJob"/> adapts it
/// to Hangfire, which runs each at most once at a time across every node.
/// </summary>
public interface IRecurringWork
{
    /// <summary>The schedule's name (Hangfire's recurring job id), e.g. "catalog-sync".</summary>
    string Id { get; }

    /// <summary>How often it runs; null takes it off the schedule (e.g. a check that is not configured).</summary>
    TimeSpan? Interval { get; }

    /// <summary>Also run once as soon as the store starts.</summary>
    bool RunAtStart => false;

    Task RunAsync(CancellationToken ct);
}
