using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Jobs;
using Storefront.Payments;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Features.Checkout;

/// <summary>An expired Checkout Session ends an unpaid order as abandoned; nothing was charged.</summary>
public sealed class ExpireCheckoutHandler(StorefrontDbContext db, IStripeClient stripe, TimeProvider clock) : IWorkHandler
{
    public string Kind => WorkKinds.ExpireCheckout;

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var session = await new SessionService(stripe).GetAsync(item.Payload ?? throw new PermanentFailureException("No session id."), cancellationToken: ct);
        if (session.Status != "expired") return;
        var order = await db.Orders.SingleOrDefaultAsync(o => o.CheckoutSessionId == session.Id, ct);
        if (order?.MarkAbandoned(clock.GetUtcNow(), $"Checkout Session {session.Id} expired without payment.") == true)
            await db.SaveChangesAsync(ct);
    }
}
