using System.Net;
using Storefront.Domain;
using Storefront.Tests.Support;

namespace Storefront.Tests.Security;

/// <summary>
/// The success URL (with its Checkout Session id) travels in browser history, proxies and shared links: on its own it
/// shows no install details. Only the browser that started the payment, which holds a cookie bound to the order, does.
/// </summary>
public sealed class SuccessPageTests
{
    [Fact]
    public async Task Paying_browser_sees_the_activation_code_and_another_client_with_the_same_url_does_not()
    {
        await using var store = await StoreFactory.StartAsync();
        using var payer = new Shopper(store);
        using var stranger = new Shopper(store);
        var checkout = await payer.StartCheckoutAsync();
        var paid = await payer.PayAsync(checkout.SessionId);
        var order = await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.Delivered);
        var successUrl = new Uri(paid.RedirectUrl!).PathAndQuery;

        var own = await payer.Http.GetAsync(successUrl);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var ownPage = await Shopper.ParseAsync(own);
        Assert.False(string.IsNullOrEmpty(ownPage.QuerySelector("#code-1")?.TextContent), "The paying browser sees the activation code.");
        Assert.Equal($"/orders/{order.AccessToken}", ownPage.QuerySelector("#order-link")!.GetAttribute("href"));

        var other = await stranger.Http.GetAsync(successUrl);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var html = await other.Content.ReadAsStringAsync();
        var otherPage = await Shopper.ParseAsync(other);
        Assert.Null(otherPage.QuerySelector("#code-1"));
        Assert.Null(otherPage.QuerySelector("#qr-1"));
        Assert.Null(otherPage.QuerySelector("#order-link"));
        foreach (var secret in new[] { ownPage.QuerySelector("#code-1")!.TextContent, order.AccessToken, order.CustomerEmail, order.CustomerName })
            Assert.DoesNotContain(secret, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("payment is confirmed", otherPage.QuerySelector("h1")!.TextContent);
        Assert.Contains("we email", otherPage.QuerySelector("#emailed-order-link")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(otherPage.QuerySelector("a[href='/orders/find']"));
        foreach (var response in new[] { own, other })
        {
            Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task Payment_cookie_of_one_order_does_not_open_another_orders_success_page()
    {
        await using var store = await StoreFactory.StartAsync();
        using var first = new Shopper(store);
        using var second = new Shopper(store);
        var (sku, price) = await first.PickPlanAsync("JP", 3);
        var started = await first.SubmitCheckoutAsync(sku, price.ToString(System.Globalization.CultureInfo.InvariantCulture), "maria@example.com", "maria@example.com", "Maria Garcia");
        var ownCookie = started.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("paid-SF-", StringComparison.Ordinal)).Split(';')[0];
        var ownValue = ownCookie[(ownCookie.IndexOf('=') + 1)..];
        var theirs = await second.StartCheckoutAsync(email: "li@example.com", name: "Li Wei");
        var theirUrl = new Uri((await second.PayAsync(theirs.SessionId, email: "li@example.com")).RedirectUrl!).PathAndQuery;
        await store.WaitForOrderAsync(theirs.OrderNumber, OrderStatus.Delivered);

        // The first browser's valid cookie, presented under the name of the other order.
        using var forger = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = store.ServerAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, theirUrl);
        request.Headers.Add("Cookie", $"paid-{theirs.OrderNumber}={ownValue}");
        var page = await Shopper.ParseAsync(await forger.SendAsync(request));

        Assert.Null(page.QuerySelector("#code-1"));
        Assert.NotNull(page.QuerySelector("#emailed-order-link"));
    }

    [Theory]
    [InlineData("Testing", false)]
    [InlineData("Staging", true)]
    public async Task Payment_cookie_is_http_only_lax_scoped_to_the_success_page_and_secure_outside_development(string environment, bool secure)
    {
        await using var store = new StoreFactory().InEnvironment(environment);
        store.StartServer();
        await store.WaitUntilAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Plans, p => p.IsActive), "the catalogue");
        using var shopper = new Shopper(store);
        var (sku, price) = await shopper.PickPlanAsync("JP", 3);

        var response = await shopper.SubmitCheckoutAsync(sku, price.ToString(System.Globalization.CultureInfo.InvariantCulture), "maria@example.com", "maria@example.com", "Maria Garcia");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("paid-SF-", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("path=/checkout/success", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Equal(secure, cookie.Contains("; secure"));
    }
}
