using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;

namespace Storefront.Tests.Support;

public sealed record StartedCheckout(string SessionId, Uri PaymentPage, string OrderNumber);

public sealed record PaymentResult(string Outcome, string? RedirectUrl, string? ErrorMessage);

/// <summary>A traveller using the store over HTTP: pages, the checkout form, and the Stripe simulator's payment page.</summary>
public sealed class Shopper(StoreFactory store) : IDisposable
{
    public HttpClient Http { get; } = store.CreateBrowserClient();

    public async Task<IHtmlDocument> GetPageAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Http.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>The SKU and price of a plan on the country page: the one with <paramref name="gb"/> GB, or the first.</summary>
    public async Task<(string Sku, decimal Price)> PickPlanAsync(string iso2, decimal? gb)
    {
        var page = await GetPageAsync($"/destinations/{iso2.ToLowerInvariant()}");
        var skus = page.QuerySelectorAll("form[action='/checkout'] input[name=plan]").Select(i => i.GetAttribute("value")!).ToList();
        Assert.NotEmpty(skus);
        var plans = await store.WithDbAsync(db => db.Plans.AsNoTracking().Where(p => skus.Contains(p.Sku)).ToListAsync());
        var plan = gb is null ? plans.Single(p => p.Sku == skus[0]) : plans.First(p => p.DataGb == gb);
        return (plan.Sku, plan.Price);
    }

    /// <summary>Opens the checkout form for the plan and posts it; the fields are as given, even when wrong.</summary>
    public async Task<HttpResponseMessage> SubmitCheckoutAsync(string sku, string? expectedPrice, string? email, string? confirmEmail, string? name,
        string? postedSku = null)
    {
        var form = await GetPageAsync($"/checkout?plan={Uri.EscapeDataString(sku)}");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), "The checkout form has an anti-forgery token.");
        var fields = new Dictionary<string, string?>
        {
            ["__RequestVerificationToken"] = token,
            ["Plan"] = postedSku ?? sku,
            ["ExpectedPrice"] = expectedPrice,
            ["Email"] = email,
            ["ConfirmEmail"] = confirmEmail,
            ["Name"] = name,
        };
        return await Http.PostAsync("/checkout", new FormUrlEncodedContent(fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!))));
    }

    public async Task<StartedCheckout> StartCheckoutAsync(string iso2 = "JP", decimal? gb = 3, string email = "maria@example.com", string name = "Maria Garcia")
    {
        var (sku, price) = await PickPlanAsync(iso2, gb);
        var response = await SubmitCheckoutAsync(sku, price.ToString(System.Globalization.CultureInfo.InvariantCulture), email, email, name);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = response.Headers.Location!;
        var sessionId = page.Segments.Last();
        Assert.StartsWith("cs_test_", sessionId);
        var number = await store.WithDbAsync(db => db.Orders.Where(o => o.CheckoutSessionId == sessionId).Select(o => o.Number).SingleAsync());
        return new StartedCheckout(sessionId, page, number);
    }

    /// <summary>Pays on the Stripe simulator as its hosted page would (the browser test uses the real page).</summary>
    public async Task<PaymentResult> PayAsync(string sessionId, string card = "4242 4242 4242 4242", string email = "maria@example.com")
    {
        var response = await Http.PostAsync($"/sandbox/stripe/_sim/checkout/{sessionId}/pay",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["card"] = card, ["email"] = email, ["name"] = "Maria Garcia" }));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        return new PaymentResult(root.GetProperty("outcome").GetString()!,
            root.TryGetProperty("redirect_url", out var url) ? url.GetString() : null,
            root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? error.GetProperty("message").GetString() : null);
    }

    /// <summary>Buys a plan end to end and returns the order number once the store delivered it.</summary>
    public async Task<string> BuyAsync(string iso2 = "JP", decimal? gb = 3, string email = "maria@example.com")
    {
        var checkout = await StartCheckoutAsync(iso2, gb, email);
        var paid = await PayAsync(checkout.SessionId, email: email);
        Assert.Equal("succeeded", paid.Outcome);
        await store.WaitForOrderAsync(checkout.OrderNumber, Storefront.Domain.OrderStatus.Delivered);
        return checkout.OrderNumber;
    }

    public void Dispose() => Http.Dispose();
}
