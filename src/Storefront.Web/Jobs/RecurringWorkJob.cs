using Hangfire;

namespace Storefront.Jobs;

/// <summary>Runs one <see cref="IRecurringWork"/> by its id: what Hangfire schedules and retries.</summary>
public sealed class RecurringWorkJob(IEnumerable<IRecurringWork> works)
{
    [DisableConcurrentExecution("recurring-work:{0}", 600)]
    public Task RunAsync(string id, CancellationToken cancellationToken) =>
        (works.FirstOrDefault(w => w.Id == id) ?? throw new InvalidOperationException($"No recurring work is called '{id}'."))
        .RunAsync(cancellationToken);
}

/// <summary>Lets recurring work ask for an extra run (e.g. the catalogue sync, retried sooner while nothing is on sale).</summary>
public sealed class RecurringWorkScheduler(IBackgroundJobClient jobs)
{
    public void RunAgainIn(string id, TimeSpan delay) =>
        jobs.Schedule<RecurringWorkJob>(job => job.RunAsync(id, CancellationToken.None), delay);
}
