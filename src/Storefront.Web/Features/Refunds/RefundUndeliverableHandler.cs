using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Email;
using Storefront.Features.Delivery;
using Storefront.Jobs;
using Storefront.Payments;
using Stripe;

namespace Storefront.Features.Refunds;

/// <summary>
/// Refunds an order in full when it still needs attention once Store:AutoRefundAfter has passed: no payment stays
/// taken for an eSIM that was never delivered. Staff who fixed the cause and retried in time stop it (the order is no
/// longer in "needs attention"). The refund's idempotency key is the order's, so it is never paid out twice.
/// </summary>
public sealed class RefundUndeliverableHandler(StorefrontDbContext db, IStripeClient stripe, WorkQueue work,
    TimeProvider clock, ILogger<RefundUndeliverableHandler> logger) : IWorkHandler
{
    public string Kind => WorkKinds.RefundUndeliverable;

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Esims).SingleOrDefaultAsync(o => o.Id == item.OrderId, ct)
                    ?? throw new PermanentFailureException("The order does not exist.");
        // After a staff retry the order may be back in "needs attention" only because its email failed: it was delivered
        // upstream, so it is not refunded by itself.
        if (order.Status != OrderStatus.NeedsAttention || order.IsProvisionedUpstream) return;
        if (order.PaymentIntentId is null) throw new PermanentFailureException("The order has no payment to refund.");

        var refund = await new RefundService(stripe).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = order.PaymentIntentId,
            Reason = RefundReasons.RequestedByCustomer,
            Metadata = new Dictionary<string, string> { ["order_id"] = order.Id.ToString(), ["order_number"] = order.Number },
        }, new RequestOptions { IdempotencyKey = $"refund:{order.Id}" }, ct);
        var amount = StripeAmounts.FromMinorUnits(refund.Amount, refund.Currency ?? order.Plan.Currency);
        order.MarkRefunded(refund.Id, amount, clock.GetUtcNow());
        // Its own work item, stored with the refund: a failing email is retried although the order is refunded now.
        await work.EnqueueAsync(WorkKinds.SendRefundEmail, order.Id, $"email:refunded:{order.Id}", amount.ToString(CultureInfo.InvariantCulture), ct);
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogWarning("Order {OrderNumber} refunded automatically ({RefundId}): it could not be delivered", order.Number, refund.Id);
    }
}

/// <summary>Tells the customer their order was refunded; the amount refunded is the item's payload.</summary>
public sealed class SendRefundEmailHandler(StorefrontDbContext db, OrderEmails emails, IEmailSender sender, TimeProvider clock) : IWorkHandler
{
    public string Kind => WorkKinds.SendRefundEmail;

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == item.OrderId, ct) ?? throw new PermanentFailureException("The order does not exist.");
        if (order.Status != OrderStatus.Refunded) return;
        var amount = decimal.Parse(item.Payload!, CultureInfo.InvariantCulture);
        await sender.SendAsync(emails.Refunded(order, amount), ct);
        order.Record(clock.GetUtcNow(), "email.refunded", $"Told {SmtpEmailSender.Redact(order.CustomerEmail)} about the refund.");
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The money is back with the customer; staff find the unsent email on the order's timeline and in the error log.</summary>
    public async Task OnGiveUpAsync(WorkItem item, Exception error, CancellationToken ct)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == item.OrderId, ct);
        if (order is null) return;
        order.Record(clock.GetUtcNow(), "email.failed", EmailFailure.Reason("The refund email could not be sent", error));
        await db.SaveChangesAsync(ct);
    }
}
