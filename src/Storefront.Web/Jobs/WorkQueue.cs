using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Storefront.Data;
using Storefront.Domain;

namespace Storefront.Jobs;

/// <summary>The kinds of durable work the store does after a commit.</summary>
public static class WorkKinds
{
    public const string ConfirmCheckout = "payment.confirm";
    public const string ExpireCheckout = "payment.expired";
    public const string ProvisionOrder = "order.provision";
    public const string SendDeliveryEmail = "email.delivery";
    public const string SendAttentionEmails = "email.attention";
    public const string SendLowBalanceEmail = "email.low_balance";
    public const string ProviderEvent = "provider.event";
    public const string SendOrderLinks = "email.order_links";
    public const string RefundUndeliverable = "payment.refund_undeliverable";
}

/// <summary>
/// Adds work items to the caller's unit of work, so the work is stored in the same transaction as the state change
/// that asks for it. The unique dedup key makes asking twice harmless.
/// </summary>
public sealed class WorkQueue(StorefrontDbContext db, TimeProvider clock)
{
    public async Task<bool> EnqueueAsync(string kind, Guid? orderId, string dedupKey, string? payload = null, CancellationToken ct = default,
        TimeSpan? delay = null)
    {
        if (db.ChangeTracker.Entries<WorkItem>().Any(e => e.Entity.DedupKey == dedupKey)
            || await db.WorkItems.AnyAsync(w => w.DedupKey == dedupKey, ct))
            return false;
        var now = clock.GetUtcNow();
        db.WorkItems.Add(WorkItem.Create(kind, orderId, dedupKey, now, payload, delay is { } wait ? now + wait : null));
        return true;
    }
}

/// <summary>Wakes the dispatcher as soon as new work is committed, instead of waiting for the next poll.</summary>
public sealed class WorkSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, int.MaxValue);

    public void Notify()
    {
        if (_semaphore.CurrentCount == 0) _semaphore.Release();
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try { await _semaphore.WaitAsync(timeout, ct); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }
}

/// <summary>Notifies <see cref="WorkSignal"/> after a save that committed new work items.</summary>
public sealed class WorkSignalInterceptor(WorkSignal signal) : SaveChangesInterceptor
{
    private readonly AsyncLocal<bool> _pending = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _pending.Value = eventData.Context?.ChangeTracker.Entries<WorkItem>().Any(e => e.State == EntityState.Added) == true;
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (_pending.Value) signal.Notify();
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }
}

/// <summary>Runs one kind of work item. Throwing schedules a retry with backoff; <see cref="PermanentFailureException"/>
/// gives up at once.</summary>
public interface IWorkHandler
{
    string Kind { get; }

    Task HandleAsync(WorkItem item, CancellationToken ct);

    /// <summary>Called once when the item will not be tried again.</summary>
    Task OnGiveUpAsync(WorkItem item, Exception error, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>A failure that retrying cannot fix (e.g. the upstream refused the request as invalid).</summary>
public sealed class PermanentFailureException(string message, Exception? inner = null) : Exception(message, inner);
