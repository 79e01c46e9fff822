using Hangfire;

namespace Storefront.Jobs;

/// <summary>Lets recurring work ask for an extra run (e.g. the catalogue sync, retried sooner while nothing is on sale).</summary>
public sealed class RecurringWorkScheduler(IBackgroundJobClient jobs)
{
    public void RunAgainIn(string id, TimeSpan delay) =>
        jobs.Schedule<RecurringWorkJob>(job => job.RunAsync(id, CancellationToken.None), delay);
}
