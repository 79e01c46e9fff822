using Microsoft.EntityFrameworkCore;
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
    public const string SendRefundEmail = "email.refunded";
    public const string SendAttentionEmails = "email.attention";
    public const string SendLowBalanceEmail = "email.low_balance";
    public const string ProviderEvent = "provider.event";
    public const string SendOrderLinks = "email.order_links";
    public const string RefundUndeliverable = "payment.refund_undeliverable";
    public const string SendResellerBalanceEmail = "email.reseller_balance";
    public const string SendWebhookRegistrationAlert = "email.webhook_registration";
}

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

/// <summary>Runs one kind of work item (called by <see cref="WorkItemJob"/>). Throwing schedules a retry with backoff;
/// <see cref="PermanentFailureException"/> gives up at once.</summary>
public interface IWorkHandler
{
    string Kind { get; }

    Task HandleAsync(WorkItem item, CancellationToken ct);

    /// <summary>Called once when the item will not be tried again.</summary>
    Task OnGiveUpAsync(WorkItem item, Exception error, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>A failure that retrying cannot fix (e.g. the upstream refused the request as invalid).</summary>
public sealed class PermanentFailureException(string message, Exception? inner = null) : Exception(message, inner);
