using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Infrastructure;
using Storefront.Tests.Support;

namespace Storefront.Tests.Security;

/// <summary>Every kind of response carries the security headers; pages that show an activation code are never stored.</summary>
public sealed class SecurityHeadersTests
{
    [Fact]
    public async Task Every_page_kind_carries_the_security_headers_and_no_inline_script()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        using var stranger = new Shopper(store);
        var (sku, _) = await shopper.PickPlanAsync("JP", 3);
        var checkout = await shopper.StartCheckoutAsync();
        var hostedPage = checkout.PaymentPage.PathAndQuery;
        var hostedHtml = await shopper.Http.GetAsync(hostedPage);
        var paid = await shopper.PayAsync(checkout.SessionId);
        var order = await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.Delivered);
        await store.WaitUntilAsync(_ => Task.FromResult(Directory.GetFiles(store.MailFolder, "*.eml").Length > 0), "the delivery email");
        var mailLink = (await shopper.GetPageAsync("/sandbox/mail")).QuerySelector("a[href^='/sandbox/mail/']")!.GetAttribute("href")!;
        var success = new Uri(paid.RedirectUrl!).PathAndQuery;

        var pages = new (string Path, HttpClient Client, bool ShowsSecrets)[]
        {
            ("/", shopper.Http, false),
            ("/destinations?q=a", shopper.Http, false),
            ("/destinations/jp", shopper.Http, false),
            ($"/checkout?plan={Uri.EscapeDataString(sku)}", shopper.Http, false),
            (success, shopper.Http, true),
            (success, stranger.Http, true),
            ($"/orders/{order.AccessToken}", shopper.Http, true),
            ($"/orders/{order.AccessToken}/top-up", shopper.Http, true),
            ("/orders/find", shopper.Http, false),
            ("/no-such-page", shopper.Http, false),
            ("/sandbox/mail", shopper.Http, true),
            (mailLink, shopper.Http, true),
            ("/healthz/ready", shopper.Http, false),
            ("/css/site.css", shopper.Http, false),
            ("/js/site.js", shopper.Http, false),
        };
        var policy = SecurityHeaders.StorePolicy(logoUrl: null);
        Assert.Contains("script-src 'self';", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Contains("frame-ancestors 'none'", policy);

        foreach (var (path, client, showsSecrets) in pages)
        {
            var response = await client.GetAsync(path);
            AssertCommonHeaders(response, policy, path);
            if (showsSecrets)
            {
                Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path} is not stored by any cache");
                Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            }
            else
            {
                Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
            }
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
                AssertNoInlineScript(await response.Content.ReadAsStringAsync(), path);
        }

        AssertCommonHeaders(hostedHtml, policy, "the Stripe simulator's hosted page");
        AssertNoInlineScript(await hostedHtml.Content.ReadAsStringAsync(), "the Stripe simulator's hosted page");
    }

    [Fact]
    public async Task Jobs_dashboard_has_its_own_policy_and_a_logo_elsewhere_is_allowed_as_an_image()
    {
        await using var store = new StoreFactory(settings: new Dictionary<string, string?> { ["Brand:LogoUrl"] = "https://cdn.wanderlink.example/logo.svg" });
        store.StartServer();
        using var http = store.CreateBrowserClient();

        var dashboard = await http.GetAsync("/admin/jobs");
        var home = await http.GetAsync("/orders/find");

        Assert.Equal(SecurityHeaders.JobsDashboardPolicy, dashboard.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", dashboard.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("img-src 'self' data: https://cdn.wanderlink.example;", home.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Outside_development_plain_http_is_redirected_and_https_responses_carry_hsts()
    {
        await using var store = new StoreFactory(settings: new Dictionary<string, string?>
        {
            ["HTTPS_PORT"] = "443",
            // As behind a TLS-terminating proxy: X-Forwarded-Proto tells the store the request came over HTTPS.
            ["FORWARDEDHEADERS_ENABLED"] = "true",
        }).InEnvironment("Staging");
        store.StartServer();
        using var http = store.CreateBrowserClient();

        var plain = await http.GetAsync("/orders/find");
        var request = new HttpRequestMessage(HttpMethod.Get, "/orders/find");
        request.Headers.Host = "shop.example";
        request.Headers.Add("X-Forwarded-Proto", "https");
        var secure = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.StartsWith("https://", plain.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=", secure.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Testing_runs_on_plain_http_without_redirect_or_hsts()
    {
        await using var store = new StoreFactory(settings: new Dictionary<string, string?> { ["HTTPS_PORT"] = "443" });
        store.StartServer();
        using var http = store.CreateBrowserClient();

        var response = await http.GetAsync("/orders/find");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    internal static void AssertCommonHeaders(HttpResponseMessage response, string policy, string what)
    {
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{what} has a Content-Security-Policy");
        Assert.Equal(policy, csp.Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"), $"{what} has a Referrer-Policy");
    }

    internal static void AssertNoInlineScript(string html, string what)
    {
        var document = new HtmlParser().ParseDocument(html);
        Assert.True(document.QuerySelectorAll("script:not([src])").Length == 0, $"{what} has an inline <script>");
        var handler = document.All.SelectMany(e => e.Attributes).FirstOrDefault(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.True(handler is null, $"{what} has an inline event handler: {handler?.Name}");
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }
}
