using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Infrastructure;
using Storefront.Tests.Support;

namespace Storefront.Tests.Security;

/// <summary>
/// POSTs that cost the store something are limited per client address: 50 quick checkouts once made 50 orders and 50
/// Stripe sessions. A refused POST does nothing and gets the store's own page with Retry-After.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Fifty_first_quick_checkout_post_is_refused_and_creates_no_order()
    {
        await using var store = await StoreFactory.StartAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:Checkout:PermitLimit"] = "50",
            ["RateLimits:Checkout:Window"] = "00:10:00",
        });
        using var shopper = new Shopper(store);
        var (sku, price) = await shopper.PickPlanAsync("JP", 3);
        var expected = price.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 51; i++)
            responses.Add(await shopper.SubmitCheckoutAsync(sku, expected, "maria@example.com", "maria@example.com", "Maria Garcia"));

        Assert.All(responses.Take(50), r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var refused = responses[50];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "The refusal says when to try again.");
        var page = await Shopper.ParseAsync(refused);
        Assert.NotNull(page.QuerySelector("header.site-header"));
        Assert.Contains("try again in", page.QuerySelector("#too-many-requests")!.TextContent);
        SecurityHeadersTests.AssertCommonHeaders(refused, SecurityHeaders.StorePolicy(null), "the 429 page");
        Assert.Equal(50, await store.WithDbAsync(db => db.Orders.CountAsync()));
        Assert.Equal(50, await store.WithDbAsync(db => db.Orders.CountAsync(o => o.CheckoutSessionId != null)));

        // Reading pages is not limited.
        await shopper.GetPageAsync($"/checkout?plan={Uri.EscapeDataString(sku)}");
    }

    [Fact]
    public async Task Find_my_order_is_limited_and_each_client_address_has_its_own_allowance()
    {
        await using var store = new StoreFactory(settings: new Dictionary<string, string?>
        {
            ["RateLimits:FindOrder:PermitLimit"] = "3",
            ["FORWARDEDHEADERS_ENABLED"] = "true",
        });
        store.StartServer();
        using var http = store.CreateBrowserClient();
        const int allowed = 3;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= allowed; i++)
            statuses.Add((await FindAsync(http, $"user{i}@example.com", "203.0.113.7")).StatusCode);
        var otherClient = await FindAsync(http, "ana@example.com", "198.51.100.20");

        Assert.All(statuses.Take(allowed), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[allowed]);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Clients_are_told_apart_by_address_and_by_ipv6_network(string address, string key) =>
        Assert.Equal(key, RateLimits.ClientKey(IPAddress.Parse(address)));

    private static async Task<HttpResponseMessage> FindAsync(HttpClient http, string email, string clientAddress)
    {
        var form = await http.GetAsync("/orders/find");
        var token = (await Shopper.ParseAsync(form)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders/find")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Email"] = email }),
        };
        request.Headers.Add("X-Forwarded-For", clientAddress);
        return await http.SendAsync(request);
    }
}
