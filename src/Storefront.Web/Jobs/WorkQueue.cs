using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;

namespace Storefront.Jobs;

/// <summary>
/// Adds work items to the caller's unit of work, so the work is stored in the same transaction as the state change
/// that asks for it (<see cref="EnqueueCommittedWork"/> hands them to Hangfire once that commits). The unique dedup key
/// makes asking twice harmless.
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
