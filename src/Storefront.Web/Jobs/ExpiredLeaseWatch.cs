using Microsoft.Extensions.Options;

namespace Storefront.Jobs;

/// <summary>
/// On every node, every third of <see cref="JobOptions.Lease"/>, takes over the work items whose runner stopped renewing
/// its lease (<see cref="WorkItemSweep.TakeOverExpiredAsync"/>): work a killed process or a lost node was running resumes
/// within about one lease. A plain loop rather than a recurring Hangfire job, which at this pace would fill Hangfire's
/// storage and dashboard with a job every few seconds.
/// </summary>
internal sealed class ExpiredLeaseWatch(IServiceScopeFactory scopes, IOptions<JobOptions> options, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<ExpiredLeaseWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Hangfire's server and the database migrations are ready once the app listens.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return; }
        }

        using var timer = new PeriodicTimer(options.Value.Lease / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<WorkItemSweep>().TakeOverExpiredAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Could not look for work items whose runner stopped: {Error}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
