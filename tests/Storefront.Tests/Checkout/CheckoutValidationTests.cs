using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Tests.Support;

namespace Storefront.Tests.Checkout;

/// <summary>Bad input gets a clear message on the form, and nothing is ordered or charged.</summary>
public sealed class CheckoutValidationTests : IAsyncLifetime
{
    private StoreFactory _store = null!;
    private Shopper _shopper = null!;

    public async Task InitializeAsync()
    {
        _store = await StoreFactory.StartAsync();
        _shopper = new Shopper(_store);
    }

    public async Task DisposeAsync()
    {
        _shopper.Dispose();
        await _store.DisposeAsync();
    }

    [Theory]
    [InlineData(null, null, "Maria", "Email", "Enter your email address.")]
    [InlineData("maria@", "maria@", "Maria", "Email", "Enter a valid email address, like name@example.com.")]
    [InlineData("maria@example.com", "maria@example.org", "Maria", "ConfirmEmail", "The two email addresses do not match.")]
    [InlineData("maria@example.com", "maria@example.com", null, "Name", "Enter your name.")]
    [InlineData("maria@example.com", "maria@example.com", "M", "Name", "Enter your name (2 to 100 characters).")]
    public async Task Invalid_form_is_shown_again_with_a_clear_message_and_nothing_is_charged(string? email, string? confirm, string? name, string field, string message)
    {
        var (sku, price) = await _shopper.PickPlanAsync("JP", 1);
        var response = await _shopper.SubmitCheckoutAsync(sku, price.ToString(System.Globalization.CultureInfo.InvariantCulture), email, confirm, name);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Shopper.ParseAsync(response);
        Assert.Equal(message, page.QuerySelector($"#{field}-error")!.TextContent);
        Assert.Equal(email ?? "", page.QuerySelector("#Email")!.GetAttribute("value") ?? "");
        await AssertNothingOrderedAsync();
    }

    [Fact]
    public async Task Tampered_price_is_refused_and_the_current_price_is_shown()
    {
        var (sku, price) = await _shopper.PickPlanAsync("JP", 3);
        var response = await _shopper.SubmitCheckoutAsync(sku, "0.50", "maria@example.com", "maria@example.com", "Maria Garcia");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Shopper.ParseAsync(response);
        Assert.Contains($"is now ${price:0.00}", page.QuerySelector("#price-changed")!.TextContent);
        Assert.Equal(price, decimal.Parse(page.QuerySelector("input[name=ExpectedPrice]")!.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture));
        await AssertNothingOrderedAsync();
    }

    [Fact]
    public async Task Unknown_plan_is_refused()
    {
        var (sku, price) = await _shopper.PickPlanAsync("JP", 3);
        var response = await _shopper.SubmitCheckoutAsync(sku, price.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "maria@example.com", "maria@example.com", "Maria Garcia", postedSku: "citrus:JP:999GB");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no longer available", await response.Content.ReadAsStringAsync());
        await AssertNothingOrderedAsync();
        await _shopper.GetPageAsync("/checkout?plan=citrus:JP:999GB", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Checkout_without_the_antiforgery_token_is_refused()
    {
        var (sku, price) = await _shopper.PickPlanAsync("JP", 3);
        var response = await _shopper.Http.PostAsync("/checkout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Plan"] = sku, ["ExpectedPrice"] = price.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email"] = "maria@example.com", ["ConfirmEmail"] = "maria@example.com", ["Name"] = "Maria Garcia",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingOrderedAsync();
    }

    private async Task AssertNothingOrderedAsync() =>
        Assert.Equal(0, await _store.WithDbAsync(db => db.Orders.CountAsync()));
}
