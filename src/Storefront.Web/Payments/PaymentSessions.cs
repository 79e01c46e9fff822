using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Infrastructure;
using Stripe.Checkout;

namespace Storefront.Payments;

/// <summary>
/// Saves a new order and opens its Stripe Checkout Session (idempotency key per attempt; order id in metadata and
/// client_reference_id). Shared by plan checkout and top-ups.
/// </summary>
public sealed class PaymentSessions(StorefrontDbContext db, Stripe.IStripeClient stripe, SelfAddress self, TimeProvider clock, ILogger<PaymentSessions> logger)
{
    /// <summary>The session's metadata key for the order id, which the payment confirmation reads back.</summary>
    public const string OrderIdMetadataKey = "order_id";

    public async Task<CheckoutOutcome> OpenAsync(Order order, string cancelUrl, CancellationToken ct)
    {
        var attempt = order.BeginCheckoutAttempt(clock.GetUtcNow());
        db.Orders.Add(order);
        await db.SaveChangesAsync(ct);

        Session session;
        try
        {
            session = await new SessionService(stripe).CreateAsync(SessionRequest(order, cancelUrl),
                new Stripe.RequestOptions { IdempotencyKey = $"checkout:{order.Id}:{attempt}" }, ct);
        }
        catch (Exception e) when (e.IsStripeFailure(ct))
        {
            logger.LogError("Could not open a Checkout Session for order {OrderNumber}: {Reason} (request {RequestId})",
                order.Number, e.Reason(), (e as Stripe.StripeException)?.StripeResponse?.RequestId);
            order.Record(clock.GetUtcNow(), "payment.session_failed", $"Stripe refused or did not answer: {e.Reason()}.");
            await db.SaveChangesAsync(CancellationToken.None);
            return new CheckoutOutcome.PaymentUnavailable("We could not reach our payment provider. You have not been charged; please try again in a moment.");
        }

        order.AttachCheckoutSession(session.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Order {OrderNumber} created for {Sku}; Checkout Session opened", order.Number, order.Plan.Sku);
        return new CheckoutOutcome.RedirectToPayment(session.Url ?? throw new InvalidOperationException("Stripe returned a session without a URL."), order);
    }

    private SessionCreateOptions SessionRequest(Order order, string cancelUrl)
    {
        var plan = order.Plan;
        var metadata = new Dictionary<string, string> { [OrderIdMetadataKey] = order.Id.ToString(), ["order_number"] = order.Number };
        var description = plan.IsUnlimited ? "Unlimited data" : plan.DataGb is { } gb ? $"{gb:0.##} GB data" : null;
        if (description is not null && plan.ValidityDays is { } days) description += $", valid {days} days";
        return new SessionCreateOptions
        {
            Mode = "payment",
            LineItems =
            [
                new SessionLineItemOptions
                {
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = plan.Currency.ToLowerInvariant(),
                        UnitAmount = StripeAmounts.ToMinorUnits(plan.Price, plan.Currency),
                        ProductData = new SessionLineItemPriceDataProductDataOptions
                        {
                            Name = order.Kind == OrderKind.TopUp ? $"Top-up {plan.Name}" : $"eSIM {plan.Name}",
                            Description = description,
                        },
                    },
                    Quantity = 1,
                },
            ],
            // Stripe puts the session id in place of the template when it redirects the customer back.
            SuccessUrl = self.CombinePublic("checkout/success") + "?session_id={CHECKOUT_SESSION_ID}",
            CancelUrl = cancelUrl,
            CustomerEmail = order.CustomerEmail,
            ClientReferenceId = order.Number,
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
            ExpiresAt = clock.GetUtcNow().AddHours(2).UtcDateTime,
        };
    }
}
