using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Tests.Support;

namespace Storefront.Tests.TopUps;

public sealed class TopUpTests
{
    [Fact]
    public async Task Customer_tops_up_a_delivered_esim_from_the_order_page_and_the_wallet_is_funded_once_more()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var citrus = new CitrusUpstream(store);
        var number = await shopper.BuyAsync("JP", 3);
        var original = await store.OrderAsync(number);

        var orderPage = await shopper.GetPageAsync($"/orders/{original.AccessToken}");
        Assert.Equal($"/orders/{original.AccessToken}/top-up", orderPage.QuerySelector("#top-up-1")!.GetAttribute("href"));

        var response = await BuyTopUpAsync(shopper, original.AccessToken, "wallet-5gb", expectedPrice: null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sessionId = response.Headers.Location!.Segments.Last();
        var topUpNumber = await store.WithDbAsync(db => db.Orders.Where(o => o.CheckoutSessionId == sessionId).Select(o => o.Number).SingleAsync());
        Assert.Equal("succeeded", (await shopper.PayAsync(sessionId)).Outcome);

        var topUp = await store.WaitForOrderAsync(topUpNumber, OrderStatus.Delivered);
        Assert.Equal(OrderKind.TopUp, topUp.Kind);
        Assert.Empty(topUp.Esims);
        var esim = Assert.Single((await store.OrderAsync(number)).Esims);
        Assert.Equal([PackageKind.Initial, PackageKind.TopUp], esim.Packages.OrderBy(p => p.AttachedAt).Select(p => p.Kind));
        var funded = original.Plan.FundAmountUsd!.Value + topUp.Plan.FundAmountUsd!.Value;
        Assert.Equal(CitrusUpstream.StartingBalance - CitrusUpstream.ProvisionFee - funded, await citrus.ResellerBalanceAsync());
        Assert.Single(await citrus.EsimsForAsync(number));

        var success = await shopper.GetPageAsync($"/checkout/success?session_id={sessionId}");
        Assert.Equal("Your top-up is on your eSIM", success.QuerySelector("h1")!.TextContent);
        Assert.Equal($"/orders/{original.AccessToken}", success.QuerySelector("#original-order-link")!.GetAttribute("href"));
        orderPage = await shopper.GetPageAsync($"/orders/{original.AccessToken}");
        Assert.Equal(2, orderPage.QuerySelectorAll("#packages-1 li").Length);
        Assert.EndsWith($"of ${funded:0.00}", orderPage.QuerySelector("#balance-1")!.TextContent);

        var mails = Directory.GetFiles(store.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).ToList();
        Assert.Single(mails, m => m.Subject == $"Your top-up is on your eSIM – order {topUpNumber}");
    }

    [Fact]
    public async Task Top_up_with_a_tampered_price_or_unknown_option_is_refused()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var original = await store.OrderAsync(await shopper.BuyAsync("FR", 1));

        var tampered = await BuyTopUpAsync(shopper, original.AccessToken, "wallet-5gb", expectedPrice: "0.10");
        var unknown = await BuyTopUpAsync(shopper, original.AccessToken, "wallet-999gb", expectedPrice: "1.00");

        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Contains("is now $", (await Shopper.ParseAsync(tampered)).QuerySelector("#top-up-error")!.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(1, await store.WithDbAsync(db => db.Orders.CountAsync()));
    }

    /// <summary>Opens the top-up page and submits one option; with no expected price, the one the page shows.</summary>
    public static async Task<HttpResponseMessage> BuyTopUpAsync(Shopper shopper, string token, string option, string? expectedPrice)
    {
        var page = await shopper.GetPageAsync($"/orders/{token}/top-up");
        var form = page.QuerySelectorAll("form").FirstOrDefault(f => f.QuerySelector($"input[name=Option][value='{option}']") is not null)
                   ?? page.QuerySelectorAll("form").First();
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Option"] = option,
            ["ExpectedPrice"] = expectedPrice ?? form.QuerySelector("input[name=ExpectedPrice]")!.GetAttribute("value")!,
        };
        return await shopper.Http.PostAsync($"/orders/{token}/top-up", new FormUrlEncodedContent(fields));
    }
}
