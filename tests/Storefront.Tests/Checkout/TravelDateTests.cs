using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Tests.Support;

namespace Storefront.Tests.Checkout;

/// <summary>Plans that start on a chosen date (Roamify's requirements.travelDate) ask for it and pass it upstream.</summary>
public sealed class TravelDateTests
{
    [Fact]
    public async Task Travel_date_plan_asks_for_the_first_day_of_the_trip_and_the_esim_starts_then()
    {
        await using var store = await StoreFactory.StartAsync(settings: new Dictionary<string, string?> { ["Provider:Name"] = "roamify" });
        using var shopper = new Shopper(store);
        var plan = await store.WithDbAsync(db => db.Plans.AsNoTracking().FirstAsync(p => p.RequiresTravelDate && p.IsActive && p.CountryIso2 == "JP"));
        var countryPage = await shopper.GetPageAsync("/destinations/jp");
        Assert.Contains("Starts on your travel date", countryPage.QuerySelector($".plan:has(input[value='{plan.Sku}'])")!.TextContent);
        var form = await shopper.GetPageAsync($"/checkout?plan={plan.Sku}");
        Assert.NotNull(form.QuerySelector("input#TravelDate[type=date]"));
        var price = plan.Price.ToString(CultureInfo.InvariantCulture);

        var missing = await shopper.SubmitCheckoutAsync(plan.Sku, price, "kenji@example.com", "kenji@example.com", "Kenji Sato");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("first day of your trip", (await Shopper.ParseAsync(missing)).QuerySelector("#TravelDate-error")!.TextContent);
        Assert.Equal(0, await store.WithDbAsync(db => db.Orders.CountAsync()));

        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(12);
        var response = await SubmitWithDateAsync(shopper, plan.Sku, price, start);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sessionId = response.Headers.Location!.Segments.Last();
        Assert.Equal("succeeded", (await shopper.PayAsync(sessionId, email: "kenji@example.com")).Outcome);
        var number = await store.WithDbAsync(db => db.Orders.Where(o => o.CheckoutSessionId == sessionId).Select(o => o.Number).SingleAsync());

        var order = await store.WaitForOrderAsync(number, OrderStatus.Delivered);
        Assert.Equal(start, order.TravelStartDate);
        var state = JsonNode.Parse(await shopper.Http.GetStringAsync("/sandbox/roamify/__sim/state"))!;
        var upstream = state["esims"]!.AsArray().Single(e => e!["iccid"]!.GetValue<string>() == order.Esims.Single().Iccid);
        Assert.Equal(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), upstream!["start_date"]!.GetValue<string>());
    }

    private static async Task<HttpResponseMessage> SubmitWithDateAsync(Shopper shopper, string sku, string price, DateOnly date)
    {
        var page = await shopper.GetPageAsync($"/checkout?plan={Uri.EscapeDataString(sku)}");
        return await shopper.Http.PostAsync("/checkout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Plan"] = sku, ["ExpectedPrice"] = price, ["Email"] = "kenji@example.com", ["ConfirmEmail"] = "kenji@example.com",
            ["Name"] = "Kenji Sato", ["TravelDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }));
    }
}
