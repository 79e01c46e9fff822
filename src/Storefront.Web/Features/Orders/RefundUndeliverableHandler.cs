using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Email;
using Storefront.Jobs;
using Storefront.Payments;
using Stripe;

namespace Storefront.Features.Orders;

/// <summary>
/// Refunds an order in full when it still needs attention once Store:AutoRefundAfter has passed: no payment stays
/// taken for an eSIM that was never delivered. Staff who fixed the cause and retried in time stop it (the order is no
/// longer in "needs attention"). The refund's idempotency key is the order's, so it is never paid out twice.
/// </summary>
public sealed class RefundUndeliverableHandler(StorefrontDbContext db, IStripeClient stripe, OrderEmails emails, IEmailSender sender,
    TimeProvider clock, ILogger<RefundUndeliverableHandler> logger) : IWorkHandler
{
    public string Kind => WorkKinds.RefundUndeliverable;

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == item.OrderId, ct) ?? throw new PermanentFailureException("The order does not exist.");
        if (order.Status != OrderStatus.NeedsAttention) return;
        if (order.PaymentIntentId is null) throw new PermanentFailureException("The order has no payment to refund.");

        var refund = await new RefundService(stripe).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = order.PaymentIntentId,
            Reason = RefundReasons.RequestedByCustomer,
            Metadata = new Dictionary<string, string> { ["order_id"] = order.Id.ToString(), ["order_number"] = order.Number },
        }, new RequestOptions { IdempotencyKey = $"refund:{order.Id}" }, ct);
        var amount = StripeAmounts.FromMinorUnits(refund.Amount, refund.Currency ?? order.Plan.Currency);
        order.MarkRefunded(refund.Id, amount, clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogWarning("Order {OrderNumber} refunded automatically ({RefundId}): it could not be delivered", order.Number, refund.Id);
        await sender.SendAsync(emails.Refunded(order, amount), CancellationToken.None);
    }
}
