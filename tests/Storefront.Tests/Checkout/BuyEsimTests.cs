using System.Net;
using Storefront.Domain;
using Storefront.Tests.Support;

namespace Storefront.Tests.Checkout;

/// <summary>The spine of an order, end to end over HTTP: country page → checkout → Stripe → Citrus → email → pages.</summary>
public sealed class BuyEsimTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Paid_checkout_provisions_funds_and_emails_one_esim(TestDatabase database)
    {
        await using var store = await StoreFactory.StartAsync(database);
        using var shopper = new Shopper(store);
        var citrus = new CitrusUpstream(store);

        var checkout = await shopper.StartCheckoutAsync("JP", 5, "maria@example.com", "Maria Garcia");
        var pending = await store.OrderAsync(checkout.OrderNumber);
        Assert.Equal(OrderStatus.AwaitingPayment, pending.Status);
        Assert.Equal("citrus:JP:5GB", pending.Plan.Sku);
        Assert.True(pending.Plan.FundAmountUsd > 0);
        Assert.True(pending.Plan.Price > pending.Plan.CostUsd, "The plan sells above its cost.");
        Assert.Empty(await citrus.EsimsForAsync(checkout.OrderNumber));

        var payment = await shopper.PayAsync(checkout.SessionId);
        Assert.Equal("succeeded", payment.Outcome);
        Assert.Equal($"{store.ServerAddress}checkout/success?session_id={checkout.SessionId}", payment.RedirectUrl);

        var order = await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.Delivered);
        Assert.Equal(pending.Plan.Price, order.AmountPaid);
        var esim = Assert.Single(order.Esims);
        Assert.Equal(ProvisionStep.Ready, esim.Step);
        Assert.StartsWith("891030", esim.Iccid);
        Assert.DoesNotContain("LPA:", esim.ActivationCodeProtected);

        var upstream = Assert.Single(await citrus.EsimsForAsync(checkout.OrderNumber));
        Assert.Equal(esim.Iccid, upstream.Iccid);
        Assert.InRange(upstream.WalletBalanceUsd!.Value, order.Plan.FundAmountUsd!.Value - 0.05m, order.Plan.FundAmountUsd.Value);
        Assert.Equal(CitrusUpstream.StartingBalance - CitrusUpstream.ProvisionFee - order.Plan.FundAmountUsd.Value, await citrus.ResellerBalanceAsync());

        var mail = Assert.Single(Directory.GetFiles(store.MailFolder, "*.eml"));
        var message = await MimeKit.MimeMessage.LoadAsync(mail);
        Assert.Contains(order.Number, message.Subject);
        Assert.Contains("maria@example.com", message.To.ToString());
        Assert.Contains(upstream.LpaString!.Split('$')[2], message.TextBody);

        var success = await shopper.GetPageAsync(new Uri(payment.RedirectUrl!).PathAndQuery);
        Assert.NotNull(success.QuerySelector("img#qr-1[src^='data:image/png;base64,']"));
        Assert.Equal("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=" + Uri.EscapeDataString(upstream.LpaString!),
            success.QuerySelector("#ios-install-1")!.GetAttribute("href"));
        Assert.StartsWith("https://esimsetup.android.com/esim_qrcode_provisioning?carddata=LPA%3A1%24", success.QuerySelector("#android-install-1")!.GetAttribute("href"));
        Assert.Equal("sim-smdp.citrus.test", success.QuerySelector("#smdp-1")!.TextContent);
        Assert.Equal(upstream.LpaString!.Split('$')[2], success.QuerySelector("#code-1")!.TextContent);
        var orderLink = success.QuerySelector("#order-link")!.GetAttribute("href")!;
        Assert.Equal($"/orders/{order.AccessToken}", orderLink);

        var orderPage = await shopper.GetPageAsync(orderLink);
        Assert.Equal("Ready to install", orderPage.QuerySelector("#esim-status-1")!.TextContent);
        Assert.Contains("$", orderPage.QuerySelector("#balance-1")!.TextContent);
        Assert.NotNull(orderPage.QuerySelector("time[data-relative]"));
    }

    [Fact]
    public async Task Order_page_needs_the_token_and_never_answers_to_the_order_id()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var number = await shopper.BuyAsync("FR", 1);
        var order = await store.OrderAsync(number);

        Assert.True(order.AccessToken.Length >= 43, "The token carries at least 256 bits.");
        await shopper.GetPageAsync($"/orders/{order.AccessToken}");
        await shopper.GetPageAsync($"/orders/{order.Id}", HttpStatusCode.NotFound);
        await shopper.GetPageAsync($"/orders/{order.Number}", HttpStatusCode.NotFound);
        await shopper.GetPageAsync($"/orders/{order.AccessToken[..^1]}{(order.AccessToken[^1] == 'A' ? 'B' : 'A')}", HttpStatusCode.NotFound);
    }
}
