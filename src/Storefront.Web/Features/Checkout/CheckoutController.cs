using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Features.Catalog;
using Storefront.Features.Orders;
using Storefront.Infrastructure;
using Storefront.Payments;

namespace Storefront.Features.Checkout;

public sealed class CheckoutController(StorefrontDbContext db, CatalogReader catalog) : Controller
{
    [HttpGet("/checkout")]
    public async Task<IActionResult> Start(string? plan, CancellationToken ct)
    {
        var found = await catalog.PlanAsync(plan, ct);
        if (found is null) return NotFound();
        return View("Checkout", new CheckoutViewModel(found, new CheckoutForm { Plan = found.Sku, ExpectedPrice = found.Price }));
    }

    [HttpPost("/checkout")]
    [ValidateAntiForgeryToken]
    [EnableRateLimiting(RateLimits.Checkout)]
    public async Task<IActionResult> Submit([FromForm] CheckoutForm form, [FromServices] StartCheckout start, [FromServices] PayingBrowser payingBrowser,
        CancellationToken ct)
    {
        var plan = await catalog.PlanAsync(form.Plan, ct);
        if (!ModelState.IsValid)
            return plan is null ? PlanGone() : Invalid(plan, form);

        var (outcome, current) = await start.HandleAsync(form, ct);
        switch (outcome)
        {
            case CheckoutOutcome.RedirectToPayment redirect:
                payingBrowser.Remember(Response, redirect.Order);
                return Redirect(redirect.Url);
            case CheckoutOutcome.Invalid invalid when current is null:
                return PlanGone(invalid.Message);
            case CheckoutOutcome.Invalid invalid when invalid.Field != nameof(CheckoutForm.ExpectedPrice):
                ModelState.AddModelError(invalid.Field, invalid.Message);
                return Invalid(current, form);
            case CheckoutOutcome.Invalid invalid:
                // The form comes back with the current price, for the customer to confirm.
                ModelState.Remove(nameof(CheckoutForm.ExpectedPrice));
                form.ExpectedPrice = current.Price;
                ModelState.AddModelError(invalid.Field, invalid.Message);
                return Invalid(current, form);
            case CheckoutOutcome.SalesPaused paused:
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return View("PlanGone", paused.Message);
            case CheckoutOutcome.PaymentUnavailable unavailable:
                ModelState.AddModelError("", unavailable.Message);
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return View("Checkout", new CheckoutViewModel(current!, form));
            default:
                throw new InvalidOperationException(outcome.ToString());
        }
    }

    private IActionResult Invalid(Domain.Plan plan, CheckoutForm form)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Checkout", new CheckoutViewModel(plan, form));
    }

    private IActionResult PlanGone(string message = "This plan is no longer available. Please choose another one.")
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("PlanGone", message);
    }

    /// <summary>Stripe sends the customer here after paying. Until the order is paid the session is confirmed with
    /// Stripe itself, so a late webhook does not keep the customer waiting; the page then updates itself until the eSIM
    /// is ready. Only the browser that paid sees the order (see <see cref="PayingBrowser"/>); anyone else holding the
    /// URL is pointed to the emailed order link.</summary>
    [HttpGet(PayingBrowser.SuccessPath)]
    public async Task<IActionResult> Success([FromQuery(Name = "session_id")] string? sessionId, [FromServices] OrderViewBuilder views,
        [FromServices] PayingBrowser payingBrowser, CancellationToken ct)
    {
        Response.KeepPrivate();
        if (string.IsNullOrWhiteSpace(sessionId) || sessionId.Length > 255) return NotFound();
        // Once the order is paid Stripe has nothing more to tell, and the customer may reload this page many times.
        if (await OrderPageQueries.PaidBySession(db, sessionId, ct) is { } paid)
            return payingBrowser.Paid(Request, paid) ? View("Success", await views.BuildAsync(paid, ct)) : View("SuccessElsewhere", true);

        Order? order;
        try
        {
            // Resolved only here: making a Stripe client costs more than the rest of a reload of this page.
            order = await HttpContext.RequestServices.GetRequiredService<PaymentConfirmation>().ConfirmAsync(sessionId, ct);
        }
        catch (Stripe.StripeException e) when (e.StripeError?.Code == "resource_missing")
        {
            return NotFound();
        }
        catch (Exception e) when (e.IsStripeFailure(ct))
        {
            // Stripe is unreachable; the webhook will still confirm the payment. Show what we already know.
            order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.CheckoutSessionId == sessionId, ct);
        }
        if (order is null) return NotFound();
        if (!payingBrowser.Paid(Request, order)) return View("SuccessElsewhere", order.PaidAt is not null);
        return View("Success", await views.BuildAsync(order.AccessToken, ct));
    }
}

public sealed record CheckoutViewModel(Domain.Plan Plan, CheckoutForm Form);
