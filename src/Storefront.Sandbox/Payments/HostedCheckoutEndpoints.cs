using Microsoft.Extensions.Options;

namespace Storefront.Sandbox.Payments;

/// <summary>
/// The page the customer pays on: GET shows it, POST submits the card (docs/payments/stripe.md §8.5).
/// </summary>
internal static class HostedCheckoutEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/c/pay/{id}", http => ShowAsync(http));
        routes.MapPost("/c/pay/{id}", http => SubmitCardAsync(http));
        routes.MapPost("/c/pay/{id}/authenticate", http => AuthenticateAsync(http));
    }

    private static Task ShowAsync(HttpContext http)
    {
        var (state, merchant) = Services(http);
        var page = state.GetPage(Id(http));
        if (page is null)
            return HtmlAsync(http, HostedCheckoutPage.NotFound(), StatusCodes.Status404NotFound);
        if (page.Status == "open" && page.PendingChallenge is not null)
            return HtmlAsync(http, HostedCheckoutPage.Challenge(page, merchant));
        return HtmlAsync(http, page.Status == "open"
            ? HostedCheckoutPage.Form(page, merchant, new CheckoutFormValues(null, null, null, null), null)
            : Closed(page, merchant));
    }

    private static async Task SubmitCardAsync(HttpContext http)
    {
        var (state, merchant) = Services(http);
        var id = Id(http);
        var page = state.GetPage(id);
        if (page is null)
        {
            await HtmlAsync(http, HostedCheckoutPage.NotFound(), StatusCodes.Status404NotFound);
            return;
        }
        if (page.Status != "open")
        {
            await HtmlAsync(http, Closed(page, merchant));
            return;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var values = new CheckoutFormValues(form["email"], form["card-number"], form["card-expiry"], form["name"]);
        var (card, invalid) = TestCards.Read(values.CardNumber, values.Expiry, form["card-cvc"], values.Name, state.Time.GetUtcNow());
        invalid = CheckEmail(values.Email) ?? invalid;
        if (card is null || invalid is not null)
        {
            await HtmlAsync(http, HostedCheckoutPage.Form(page, merchant, values, invalid));
            return;
        }

        await RespondAsync(http, state, merchant, id, values, state.Pay(id, card, values.Email, authenticated: null));
    }

    private static async Task AuthenticateAsync(HttpContext http)
    {
        var (state, merchant) = Services(http);
        var id = Id(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var outcome = state.CompleteChallenge(id, authenticated: form["result"] == "complete");
        await RespondAsync(http, state, merchant, id, new CheckoutFormValues(null, null, null, null), outcome);
    }

    private static Task RespondAsync(HttpContext http, StripeSimulatorState state, string merchant, string id, CheckoutFormValues values, PaymentOutcome outcome)
    {
        if (outcome.Result == PaymentResult.Succeeded)
        {
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = outcome.RedirectUrl;
            return Task.CompletedTask;
        }

        var page = state.GetPage(id);
        if (page is null)
            return HtmlAsync(http, HostedCheckoutPage.NotFound(), StatusCodes.Status404NotFound);
        return outcome.Result switch
        {
            PaymentResult.Declined => HtmlAsync(http, HostedCheckoutPage.Form(page, merchant, values with { CardNumber = null }, new CardValidationError("card-number", outcome.Message!))),
            PaymentResult.RequiresAction => HtmlAsync(http, HostedCheckoutPage.Challenge(page, merchant)),
            _ when page.Status == "open" => HtmlAsync(http, HostedCheckoutPage.Form(page, merchant, values, null)),
            _ => HtmlAsync(http, Closed(page, merchant)),
        };
    }

    private static string Closed(CheckoutPageModel page, string merchant) => page.Status == "complete"
        ? HostedCheckoutPage.Message(page, merchant, "Payment complete", "This Checkout Session is already paid.", page.SuccessRedirect, "Continue")
        : HostedCheckoutPage.Message(page, merchant, "This Checkout Session is expired",
            "The time to pay for this order has run out. Return to the shop to start again.", page.CancelUrl, "Return to the shop");

    private static CardValidationError? CheckEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? new("email", "Your email is incomplete.")
        : !email.Contains('@') || email.Trim().Contains(' ') ? new("email", "Your email address is invalid.")
        : null;

    private static (StripeSimulatorState State, string Merchant) Services(HttpContext http) =>
        (http.RequestServices.GetRequiredService<StripeSimulatorState>(),
         http.RequestServices.GetRequiredService<IOptions<StripeSimulatorOptions>>().Value.MerchantName);

    private static string Id(HttpContext http) => (string)http.GetRouteValue("id")!;

    private static async Task HtmlAsync(HttpContext http, string html, int status = StatusCodes.Status200OK)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(html, http.RequestAborted);
    }
}
