using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Microsoft.Extensions.Options;
using Storefront.Email;
using Storefront.Features.Orders;
using Storefront.Infrastructure;
using Storefront.Payments;
using Stripe.Checkout;

namespace Storefront.Features.Checkout;

/// <summary>What the checkout form posts.</summary>
public sealed class CheckoutForm
{
    [Required(ErrorMessage = "Choose a plan.")]
    public string? Plan { get; set; }

    /// <summary>The price the customer saw; a different current price is shown to them before anything is charged.</summary>
    [Required(ErrorMessage = "The price is missing; please choose the plan again.")]
    public decimal? ExpectedPrice { get; set; }

    [Required(ErrorMessage = "Enter your email address.")]
    [DeliverableEmail]
    [Display(Name = "Email")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Enter your email address again.")]
    [Compare(nameof(Email), ErrorMessage = "The two email addresses do not match.")]
    [Display(Name = "Confirm email")]
    public string? ConfirmEmail { get; set; }

    /// <summary>Only for plans that start on a chosen date.</summary>
    [Display(Name = "First day of your trip")]
    public DateOnly? TravelDate { get; set; }

    [Required(ErrorMessage = "Enter your name.")]
    [StringLength(100, MinimumLength = 2, ErrorMessage = "Enter your name (2 to 100 characters).")]
    [Display(Name = "Full name")]
    public string? Name { get; set; }
}

public abstract record CheckoutOutcome
{
    public sealed record RedirectToPayment(string Url, Order Order) : CheckoutOutcome;
    public sealed record Invalid(string Field, string Message) : CheckoutOutcome;
    public sealed record PaymentUnavailable(string Message) : CheckoutOutcome;
    public sealed record SalesPaused(string Message) : CheckoutOutcome;
}

/// <summary>
/// Stores the order (awaiting payment, with an immutable snapshot of plan and price) before anything is charged, then
/// opens a Stripe Checkout Session for it.
/// </summary>
public sealed class StartCheckout(StorefrontDbContext db, PaymentSessions sessions, SelfAddress self, UpstreamBalance balance,
    IOptions<StoreOptions> store, TimeProvider clock)
{
    /// <summary>How far ahead a travel start date may be.</summary>
    public const int MaxDaysAhead = 180;

    public async Task<(CheckoutOutcome Outcome, Plan? Plan)> HandleAsync(CheckoutForm form, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Sku == form.Plan && p.IsActive, ct);
        if (plan is null)
            return (new CheckoutOutcome.Invalid(nameof(form.Plan), "This plan is no longer available. Please choose another one."), null);
        if (form.ExpectedPrice != plan.Price)
            return (new CheckoutOutcome.Invalid(nameof(form.ExpectedPrice),
                $"The price of this plan is now {plan.RetailPrice}. Please check it and continue if you agree."), plan);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (plan.RequiresTravelDate && form.TravelDate is not { } travelDate)
            return (new CheckoutOutcome.Invalid(nameof(form.TravelDate), "Enter the first day of your trip: this plan's validity starts then."), plan);
        if (plan.RequiresTravelDate && (form.TravelDate < today || form.TravelDate > today.AddDays(MaxDaysAhead)))
            return (new CheckoutOutcome.Invalid(nameof(form.TravelDate), $"Choose a start date between today and {today.AddDays(MaxDaysAhead):d MMM yyyy}."), plan);

        if (store.Value.WhenUpstreamBalanceShort == ShortBalancePolicy.StopSales && !await balance.CoversAsync(plan.CostUsd, ct))
            return (new CheckoutOutcome.SalesPaused("We cannot take orders for eSIMs right now. Please try again later."), plan);

        var order = Order.Create(form.Email!.Trim(), form.Name!.Trim(), plan.Snapshot(), clock.GetUtcNow(),
            plan.RequiresTravelDate ? form.TravelDate : null);
        var cancelUrl = plan.CountryIso2 is { } iso2
            ? self.CombinePublic($"destinations/{iso2.ToLowerInvariant()}") + "?cancelled=true"
            : self.CombinePublic("").ToString();
        return (await sessions.OpenAsync(order, cancelUrl, ct), plan);
    }
}

/// <summary>
/// Saves a new order and opens its Stripe Checkout Session (idempotency key per attempt; order id in metadata and
/// client_reference_id). Shared by plan checkout and top-ups.
/// </summary>
public sealed class PaymentSessions(StorefrontDbContext db, Stripe.IStripeClient stripe, SelfAddress self, TimeProvider clock, ILogger<PaymentSessions> logger)
{
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
        var metadata = new Dictionary<string, string> { [PaymentConfirmation.OrderIdMetadataKey] = order.Id.ToString(), ["order_number"] = order.Number };
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
