using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Infrastructure;
using Storefront.Payments;
using Storefront.Providers;

namespace Storefront.Features.TopUps;

public sealed class TopUpForm
{
    public string? Option { get; set; }
    public decimal? ExpectedPrice { get; set; }
}

/// <summary>/orders/{token}/top-up: buy more data for an eSIM the customer already has; paid through Stripe like a plan.</summary>
public sealed class TopUpController(StorefrontDbContext db, TopUpCatalog catalog, PaymentSessions sessions, PayingBrowser payingBrowser, SelfAddress self,
    TimeProvider clock) : Controller
{
    [HttpGet("/orders/{token:length(43)}/top-up")]
    public async Task<IActionResult> Choose(string token, CancellationToken ct)
    {
        var (order, esim) = await FindAsync(token, ct);
        if (order is null || esim is null) return NotFound();
        return await ShowAsync(order, esim, error: null, ct);
    }

    [HttpPost("/orders/{token:length(43)}/top-up")]
    [ValidateAntiForgeryToken]
    [EnableRateLimiting(RateLimits.Checkout)]
    public async Task<IActionResult> Buy(string token, [FromForm] TopUpForm form, CancellationToken ct)
    {
        var (order, esim) = await FindAsync(token, ct);
        if (order is null || esim is null) return NotFound();
        IReadOnlyList<TopUpOption> options;
        try { options = await catalog.OptionsAsync(order, esim, ct); }
        catch (UpstreamException) { return await ShowAsync(order, esim, "Top-ups are not available right now. Please try again in a few minutes.", ct, 503); }

        var option = options.SingleOrDefault(o => o.Id == form.Option);
        if (option is null)
            return await ShowAsync(order, esim, "That top-up is no longer available. Please choose another one.", ct, 400);
        if (option.Price != form.ExpectedPrice)
            return await ShowAsync(order, esim, $"The price of {option.Name} is now {option.RetailPrice}. Please check it and continue if you agree.", ct, 400);

        var topUp = Order.CreateTopUp(order, esim, option.Snapshot(order), clock.GetUtcNow());
        return await sessions.OpenAsync(topUp, self.CombinePublic($"orders/{order.AccessToken}/top-up").ToString(), ct) switch
        {
            CheckoutOutcome.RedirectToPayment redirect => RedirectToPayment(redirect),
            var failed => await ShowAsync(order, esim, ((CheckoutOutcome.PaymentUnavailable)failed).Message, ct, 503),
        };
    }

    private RedirectResult RedirectToPayment(CheckoutOutcome.RedirectToPayment redirect)
    {
        payingBrowser.Remember(Response, redirect.Order);
        return Redirect(redirect.Url);
    }

    private async Task<(Order?, Esim?)> FindAsync(string token, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Esims).ThenInclude(e => e.Packages).SingleOrDefaultAsync(o => o.AccessToken == token, ct);
        return (order, order?.Esims.FirstOrDefault());
    }

    private async Task<IActionResult> ShowAsync(Order order, Esim esim, string? error, CancellationToken ct, int status = 200)
    {
        IReadOnlyList<TopUpOption> options = [];
        try { options = await catalog.OptionsAsync(order, esim, ct); }
        catch (UpstreamException) { error ??= "Top-ups are not available right now. Please try again in a few minutes."; }
        Response.StatusCode = status;
        Response.KeepPrivate();
        return View("TopUp", new TopUpViewModel(order.AccessToken, order.Number, order.Plan.Name, order.Plan.CountryIso2, options, error));
    }
}

public sealed record TopUpViewModel(string Token, string Number, string PlanName, string? CountryIso2, IReadOnlyList<TopUpOption> Options, string? Error);
