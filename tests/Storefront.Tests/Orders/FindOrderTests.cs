using System.Net;
using Storefront.Tests.Support;

namespace Storefront.Tests.Orders;

public sealed class FindOrderTests
{
    [Fact]
    public async Task Find_my_order_emails_the_order_link_and_says_the_same_for_unknown_addresses()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var number = await shopper.BuyAsync("GB", 1, "Ana.Silva@example.com");
        var order = await store.OrderAsync(number);

        var known = await FindAsync(shopper, "ana.silva@EXAMPLE.com");
        var unknown = await FindAsync(shopper, "nobody@example.com");
        var again = await FindAsync(shopper, "ana.silva@example.com");

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        var knownText = (await Shopper.ParseAsync(known)).QuerySelector("#find-sent")!.TextContent;
        var unknownText = (await Shopper.ParseAsync(unknown)).QuerySelector("#find-sent")!.TextContent;
        Assert.Equal(knownText.Replace("ana.silva@EXAMPLE.com", "X"), unknownText.Replace("nobody@example.com", "X"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        await store.WaitUntilAsync(_ => Task.FromResult(Directory.GetFiles(store.MailFolder, "*.eml").Length == 2), "the order links email");
        await Task.Delay(500);
        var mails = Directory.GetFiles(store.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).ToList();
        var links = Assert.Single(mails, m => m.Subject == "Your Wanderlink order links");
        Assert.Contains($"/orders/{order.AccessToken}", links.TextBody);
        Assert.Equal(2, mails.Count);
    }

    [Fact]
    public async Task Find_my_order_refuses_an_invalid_address()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var response = await FindAsync(shopper, "not-an-email");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Enter a valid email address, like name@example.com.", (await Shopper.ParseAsync(response)).QuerySelector("#Email-error")!.TextContent);
    }

    private static async Task<HttpResponseMessage> FindAsync(Shopper shopper, string email)
    {
        var form = await shopper.GetPageAsync("/orders/find");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await shopper.Http.PostAsync("/orders/find", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Email"] = email,
        }));
    }
}
