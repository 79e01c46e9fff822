using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Jobs;
using Storefront.Payments;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Features.Checkout;

/// <summary>
/// Stripe's "fulfil checkout": asks Stripe for the session (never trusting a redirect or an event payload), and when
/// it is paid marks the order paid and queues provisioning, in one transaction. Called from the webhook's work item
/// and from the success page, possibly at the same time: the order's concurrency token and the work item's dedup key
/// make every call after the first a no-op.
/// </summary>
public sealed class PaymentConfirmation(
    StorefrontDbContext db,
    IStripeClient stripe,
    WorkQueue work,
    TimeProvider clock,
    ILogger<PaymentConfirmation> logger)
{

    /// <summary>Returns the order the session belongs to (paid or not), or null when the session is not one of ours.</summary>
    public async Task<Order?> ConfirmAsync(string sessionId, CancellationToken ct)
    {
        var session = await new SessionService(stripe).GetAsync(sessionId, new SessionGetOptions { Expand = ["payment_intent"] }, cancellationToken: ct);
        if (session.Metadata is null || !session.Metadata.TryGetValue(PaymentSessions.OrderIdMetadataKey, out var rawId) || !Guid.TryParse(rawId, out var orderId))
        {
            logger.LogWarning("A Checkout Session carries no order id");
            return null;
        }

        for (var attempt = 1; ; attempt++)
        {
            var order = await db.Orders.Include(o => o.Esims).SingleOrDefaultAsync(o => o.Id == orderId, ct);
            if (order is null)
            {
                logger.LogWarning("A Checkout Session names unknown order {OrderId}", orderId);
                return null;
            }
            if (session.PaymentStatus != "paid" || !order.MarkPaid(session.PaymentIntentId, AmountPaid(session, order), clock.GetUtcNow()))
                return order;

            var now = clock.GetUtcNow();
            if (!MatchesOrder(session, order))
                order.MarkNeedsAttention($"Stripe session {session.Id} charged {session.AmountTotal} {session.Currency}, not the order's {order.Plan.RetailPrice}.", now);
            else
            {
                if (order.Kind == OrderKind.Esim) order.AddEsim(now);
                await work.EnqueueAsync(WorkKinds.ProvisionOrder, order.Id, $"provision:{order.Id}", ct: ct);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Order {OrderNumber} paid", order.Number);
                return order;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Someone else confirmed the same payment at the same moment; reload and see what they did.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static bool MatchesOrder(Session session, Order order) =>
        session.AmountTotal == StripeAmounts.ToMinorUnits(order.Plan.Price, order.Plan.Currency)
        && string.Equals(session.Currency, order.Plan.Currency, StringComparison.OrdinalIgnoreCase);

    private static decimal AmountPaid(Session session, Order order) =>
        session.AmountTotal is { } total ? StripeAmounts.FromMinorUnits(total, session.Currency ?? order.Plan.Currency) : order.Plan.Price;
}

/// <summary>Runs <see cref="PaymentConfirmation"/> for a verified Stripe event.</summary>
public sealed class ConfirmCheckoutHandler(PaymentConfirmation confirmation) : IWorkHandler
{
    public string Kind => WorkKinds.ConfirmCheckout;

    public async Task HandleAsync(WorkItem item, CancellationToken ct) =>
        await confirmation.ConfirmAsync(item.Payload ?? throw new PermanentFailureException("No session id."), ct);
}
