using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Microsoft.Extensions.Options;
using Storefront.Email;
using Storefront.Features.Orders;
using Storefront.Features.Upstream;
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
