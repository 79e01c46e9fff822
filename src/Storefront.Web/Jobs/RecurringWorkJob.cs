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
