using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain;
using Storefront.Providers;
using Storefront.Tests.Support;

namespace Storefront.Tests.Checkout;

/// <summary>
/// Changing Provider:Name switches the whole sandbox store: catalogue, checkout, provisioning, email and top-up go
/// through that provider's real adapter and its simulator over HTTP.
/// </summary>
public sealed class BuyThroughEachProviderTests
{
    /// <summary>Each simulator's control for "the traveller installed the eSIM and it is in use".</summary>
    private static readonly Dictionary<string, string> Activate = new()
    {
        ["citrus"] = "/sandbox/citrus/__sim/esim/{0}/activate",
        ["cloudesim"] = "/sandbox/cloudesim/__sim/esim/{0}/install",
        ["esimfly"] = "/sandbox/esimfly/__sim/esims/{0}/activate",
        ["pressone"] = "/sandbox/pressone/__sim/sims/{0}/install",
        ["roamify"] = "/sandbox/roamify/__sim/esims/{0}/activate",
    };

    [Theory]
    [InlineData("citrus", "JP")]
    [InlineData("cloudesim", "US")]
    [InlineData("esimfly", "TH")]
    [InlineData("pressone", "FR")]
    [InlineData("roamify", "IT")]
    public async Task Purchase_and_top_up_complete_end_to_end_through_the_configured_provider(string provider, string iso2)
    {
        await using var store = await StoreFactory.StartAsync(settings: new Dictionary<string, string?> { ["Provider:Name"] = provider });
        using var shopper = new Shopper(store);
        var upstream = store.Services.GetRequiredService<IEsimProvider>();
        var balance = (IResellerBalance)upstream;
        Assert.Equal(provider, upstream.Name);
        var balanceBefore = await balance.GetResellerBalanceAsync(CancellationToken.None);

        var number = await shopper.BuyAsync(iso2, gb: null, email: $"{provider}@example.com");

        var order = await store.OrderAsync(number);
        Assert.StartsWith($"{provider}:", order.Plan.Sku);
        var esim = Assert.Single(order.Esims);
        var reading = await upstream.ReadEsimAsync(esim.Iccid!, CancellationToken.None);
        Assert.Equal(esim.Iccid, reading.Iccid);
        Assert.NotEqual(EsimState.Terminated, reading.State);
        var spent = balanceBefore - await balance.GetResellerBalanceAsync(CancellationToken.None);
        Assert.Equal(order.Plan.CostUsd, spent);
        Assert.True(order.Plan.Price > order.Plan.CostUsd);

        var mail = await MimeKit.MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(store.MailFolder, "*.eml")));
        Assert.Contains(number, mail.Subject);
        var page = await shopper.GetPageAsync($"/orders/{order.AccessToken}");
        Assert.NotNull(page.QuerySelector("img#qr-1"));
        Assert.Equal("Ready to install", page.QuerySelector("#esim-status-1")!.TextContent);
        Assert.Equal(order.Plan.TopUpAllowed && upstream is ITopUps, page.QuerySelector("#top-up-1") is not null);
        // Customers never see the upstream's name (the simulators' SM-DP+ hosts carry it, as real operators' hosts carry theirs).
        var smdp = page.QuerySelector("#smdp-1")!.TextContent;
        Assert.DoesNotContain(provider, page.Source.Text.Replace(smdp, "").Replace(Uri.EscapeDataString(smdp), ""), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(provider, mail.HtmlBody!.Replace(smdp, "").Replace(Uri.EscapeDataString(smdp), ""), StringComparison.OrdinalIgnoreCase);

        if (page.QuerySelector("#top-up-1") is null) return;
        (await shopper.Http.PostAsync(string.Format(Activate[provider], esim.Iccid), null)).EnsureSuccessStatusCode();
        var topUpPage = await shopper.GetPageAsync($"/orders/{order.AccessToken}/top-up");
        var option = topUpPage.QuerySelector("input[name=Option]")!.GetAttribute("value")!;
        var beforeTopUp = await balance.GetResellerBalanceAsync(CancellationToken.None);
        var response = await Storefront.Tests.TopUps.TopUpTests.BuyTopUpAsync(shopper, order.AccessToken, option, expectedPrice: null);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var sessionId = response.Headers.Location!.Segments.Last();
        Assert.Equal("succeeded", (await shopper.PayAsync(sessionId)).Outcome);
        var topUpNumber = await store.WithDbAsync(db => Task.FromResult(db.Orders.Single(o => o.CheckoutSessionId == sessionId).Number));
        var topUp = await store.WaitForOrderAsync(topUpNumber, OrderStatus.Delivered);
        Assert.Equal(topUp.Plan.CostUsd, beforeTopUp - await balance.GetResellerBalanceAsync(CancellationToken.None));
        Assert.Equal(2, (await store.OrderAsync(number)).Esims.Single().Packages.Count);
    }
}
