using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Storefront.Tests.Payments;

public class HostedCheckoutPageTests
{
    [Fact]
    public async Task Page_shows_the_order_and_a_labelled_card_form()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var session = await sandbox.CreateSessionAsync();
        using var browser = Browser();

        using var response = await browser.GetAsync(session.Url);
        var page = await ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sandbox", page.QuerySelector(".sandbox")!.TextContent);
        Assert.Equal("€34.99", page.QuerySelector("#total")!.TextContent);
        Assert.Contains("Europe 10 GB · 30 days", page.Body!.TextContent);
        Assert.Equal("traveller@example.com", ((IHtmlInputElement)page.QuerySelector("#email")!).Value);
        foreach (var field in new[] { "email", "card-number", "card-expiry", "card-cvc", "name" })
            Assert.NotNull(page.QuerySelector($"label[for='{field}']"));
        Assert.Equal("Pay €34.99", page.QuerySelector("#pay-button")!.TextContent);
        Assert.Equal(StripeSandbox.CancelUrl, page.QuerySelector("#cancel-link")!.GetAttribute("href"));
        Assert.True(page.QuerySelector("#card-error")!.HasAttribute("hidden"));
    }

    [Fact]
    public async Task Paying_with_4242_redirects_to_the_success_url_with_the_session_id()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var session = await sandbox.CreateSessionAsync();
        using var browser = Browser();

        using var response = await browser.PostAsync(session.Url, Card("4242 4242 4242 4242"));
        var paid = await sandbox.GetSessionAsync(session.Id);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"https://shop.example/checkout/success?session_id={session.Id}", response.Headers.Location!.ToString());
        Assert.Equal("paid", paid.PaymentStatus);
        Assert.Equal("Ada Lovelace", paid.CustomerDetails!.Name);
    }

    [Fact]
    public async Task Declined_card_shows_the_error_on_the_page_and_keeps_the_session_open()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var session = await sandbox.CreateSessionAsync();
        using var browser = Browser();

        using var response = await browser.PostAsync(session.Url, Card("4000 0000 0000 0002"));
        var page = await ParseAsync(response);
        var after = await sandbox.GetSessionAsync(session.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Your card was declined.", page.QuerySelector("#card-error")!.TextContent);
        Assert.Equal("open", after.Status);
        Assert.DoesNotContain(CheckoutSessionTests.EventTypes(sandbox), type => type.StartsWith("checkout.session."));
    }

    [Theory]
    [InlineData("4242 4242 4242 4241", "12 / 40", "123", "card-number", "Your card number is invalid.")]
    [InlineData("4242 4242 4242 4242", "01 / 20", "123", "card-expiry", "Your card's expiration date is in the past.")]
    [InlineData("4242 4242 4242 4242", "12 / 40", "", "card-cvc", "Your card's security code is incomplete.")]
    public async Task Invalid_card_details_are_reported_inline_without_touching_the_session(
        string number, string expiry, string cvc, string field, string message)
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var session = await sandbox.CreateSessionAsync();
        using var browser = Browser();

        using var response = await browser.PostAsync(session.Url, Card(number, expiry, cvc));
        var page = await ParseAsync(response);

        Assert.Equal(message, page.QuerySelector("#card-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector($"#{field}")!.GetAttribute("aria-invalid"));
        Assert.Empty(CheckoutSessionTests.EventTypes(sandbox));
    }

    [Fact]
    public async Task Card_asking_for_authentication_shows_a_challenge_that_completes_the_payment()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var session = await sandbox.CreateSessionAsync();
        using var browser = Browser();

        using var challenge = await browser.PostAsync(session.Url, Card("4000 0025 0000 3155"));
        var page = await ParseAsync(challenge);
        var action = new Uri(new Uri(session.Url!), page.QuerySelector("form")!.GetAttribute("action"));
        using var completed = await browser.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["result"] = "complete" }));

        Assert.NotNull(page.QuerySelector("#three-ds-complete"));
        Assert.Equal(HttpStatusCode.SeeOther, completed.StatusCode);
        Assert.Contains(session.Id, completed.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Expired_session_page_says_so()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var session = await sandbox.CreateSessionAsync();
        await sandbox.Sessions.ExpireAsync(session.Id, null, StripeSandbox.NewKey());
        using var browser = Browser();

        using var response = await browser.GetAsync(session.Url);
        var page = await ParseAsync(response);

        Assert.Contains("This Checkout Session is expired", page.Body!.TextContent);
        Assert.Null(page.QuerySelector("#pay-button"));
    }

    [Fact]
    public async Task Unknown_session_page_is_404()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        using var browser = Browser();

        using var response = await browser.GetAsync(new Uri(sandbox.ApiBase, "c/pay/cs_test_unknown"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false });

    private static FormUrlEncodedContent Card(string number, string expiry = "12 / 40", string cvc = "123") => new(new Dictionary<string, string>
    {
        ["email"] = "traveller@example.com",
        ["card-number"] = number,
        ["card-expiry"] = expiry,
        ["card-cvc"] = cvc,
        ["name"] = "Ada Lovelace",
    });

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
}
