using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;

namespace Storefront.Jobs;

/// <summary>
/// Keeps a claimed work item's lease alive while its handler runs, renewing it every third of <see cref="JobOptions.Lease"/>
/// on its own connection. A runner that dies (kill -9, a lost node) stops renewing, so its work is taken over within
/// about one lease (<see cref="ExpiredLeaseWatch"/>) instead of a lease long enough for the slowest handler. A renewal
/// that finds the item no longer held (a stall longer than the lease let another runner take it) cancels
/// <see cref="Token"/>, so this run stops rather than work beside the new one.
/// </summary>
/// <remarks>
/// The lease's expiry is also the proof of ownership that outcomes are recorded against (the runner's unique claim),
/// so renewal stops before an outcome is recorded, and a renewal whose answer was lost is matched by either value.
/// </remarks>
internal sealed class WorkItemLease : IAsyncDisposable
{
    private readonly Guid _id;
    private readonly TimeSpan _lease;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost;
    private readonly Task _renewing;

    public WorkItemLease(WorkItem item, TimeSpan lease, IServiceScopeFactory scopes, TimeProvider clock, ILogger logger, CancellationToken jobToken)
    {
        _id = item.Id;
        _lease = lease;
        _scopes = scopes;
        _clock = clock;
        _logger = logger;
        Held = Sent = item.LockedUntil!.Value;
        _lost = CancellationTokenSource.CreateLinkedTokenSource(jobToken);
        _renewing = RenewAsync();
    }

    /// <summary>The job's token, also cancelled when the lease is lost.</summary>
    public CancellationToken Token => _lost.Token;

    public bool Lost { get; private set; }

    /// <summary>The expiry this run last saw stored.</summary>
    public DateTimeOffset Held { get; private set; }

    /// <summary>The expiry this run last asked for: equal to <see cref="Held"/> unless that renewal's answer was lost.</summary>
    public DateTimeOffset Sent { get; private set; }

    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(_lease / 3, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
                if (!await RenewOnceAsync()) return;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>False when another runner holds the item now.</summary>
    private async Task<bool> RenewOnceAsync()
    {
        var (held, sent) = (Held, Sent);
        var until = _clock.GetUtcNow() + _lease;
        Sent = until;
        int rows;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            // Not cancelled by a stop: a renewal cut off after it was applied would leave this run unsure what it holds.
            rows = await db.WorkItems
                .Where(w => w.Id == _id && w.Status == WorkItemStatus.Running && (w.LockedUntil == held || w.LockedUntil == sent))
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.LockedUntil, until), CancellationToken.None);
        }
        catch (Exception e)
        {
            _logger.LogWarning("Could not renew the lease of a running work item ({Error}); trying again", e.Message);
            return true;
        }
        if (rows == 1)
        {
            Held = until;
            return true;
        }
        Lost = true;
        _logger.LogWarning("A running work item's lease ran out and another worker took it over; stopping this run");
        await _lost.CancelAsync();
        return false;
    }

    /// <summary>Stops renewing; <see cref="Held"/> and <see cref="Sent"/> are final afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
        _lost.Dispose();
    }
}
