using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Providers;
using Storefront.Tests.Support;

namespace Storefront.Tests.Webhooks;

/// <summary>Citrus tells the store about activation and usage through signed webhooks the store registered itself.</summary>
public sealed class ProviderWebhookTests
{
    [Fact]
    public async Task Activation_and_depletion_webhooks_update_the_order_page_and_send_one_used_up_email()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        await store.WaitUntilAsync(db => db.Settings.AnyAsync(s => s.Key == "webhooks:citrus:secret"), "the Citrus webhook to be registered");
        var number = await shopper.BuyAsync("JP", 1);
        var order = await store.OrderAsync(number);
        var iccid = order.Esims.Single().Iccid!;

        (await shopper.Http.PostAsync($"/sandbox/citrus/__sim/esim/{iccid}/activate", null)).EnsureSuccessStatusCode();
        await store.WaitUntilAsync(db => db.Esims.AnyAsync(e => e.Iccid == iccid && e.State == EsimState.Active), "the activation webhook");
        var page = await shopper.GetPageAsync($"/orders/{order.AccessToken}");
        Assert.Equal("Active", page.QuerySelector("#esim-status-1")!.TextContent);

        (await shopper.Http.PostAsJsonAsync($"/sandbox/citrus/__sim/esim/{iccid}/usage", new { usd = 100 })).EnsureSuccessStatusCode();
        await store.WaitUntilAsync(db => db.Esims.AnyAsync(e => e.Iccid == iccid && e.State == EsimState.Depleted), "the depletion webhook");
        page = await shopper.GetPageAsync($"/orders/{order.AccessToken}");
        Assert.Equal("Used up", page.QuerySelector("#esim-status-1")!.TextContent);
        Assert.Equal("$0.00 of $" + order.Plan.FundAmountUsd!.Value.ToString("0.00"), page.QuerySelector("#balance-1")!.TextContent);

        await store.WaitUntilAsync(_ => Task.FromResult(Directory.GetFiles(store.MailFolder, "*.eml").Length == 2), "the used-up email");
        var mails = Directory.GetFiles(store.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).ToList();
        Assert.Single(mails, m => m.Subject!.StartsWith("Your eSIM data is used up"));
        Assert.True(await store.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.Source == "citrus")) >= 2);
    }

    [Fact]
    public async Task Provider_webhook_with_a_bad_signature_gets_400_and_is_not_recorded()
    {
        await using var store = await StoreFactory.StartAsync();
        using var http = store.CreateBrowserClient();
        var body = """{"id":"evt_forged","event":"esim.balance_depleted","created_at":"2026-11-22T00:00:00Z","data":{"iccid":"8910300000000000001","wallet_balance_usd":0}}""";
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/citrus") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Citrus-Signature", new string('a', 64));

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await store.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.ExternalId == "evt_forged")));
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/webhooks/roamify", new StringContent("{}"))).StatusCode);
    }
}
