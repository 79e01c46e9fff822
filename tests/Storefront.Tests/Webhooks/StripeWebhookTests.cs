using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain;
using Storefront.Jobs;
using Storefront.Payments;
using Storefront.Sandbox;
using Storefront.Tests.Support;

namespace Storefront.Tests.Webhooks;

public sealed class StripeWebhookTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Completed_event_delivered_five_times_concurrently_gives_one_esim_one_fund_one_email(TestDatabase database)
    {
        await using var store = await StoreFactory.StartAsync(database);
        using var shopper = new Shopper(store);
        var citrus = new CitrusUpstream(store);
        var checkout = await shopper.StartCheckoutAsync("US", 3);
        var payment = await shopper.PayAsync(checkout.SessionId);

        var body = await CompletedEventAsync(shopper, checkout.SessionId);
        var secret = store.Services.GetRequiredService<SandboxMode>().StripeWebhookSecret;
        var deliveries = Enumerable.Range(0, 5).Select(_ => PostSignedAsync(shopper.Http, body, secret, DateTimeOffset.UtcNow));
        var successPages = Enumerable.Range(0, 3).Select(_ => shopper.Http.GetAsync(new Uri(payment.RedirectUrl!).PathAndQuery));
        var responses = await Task.WhenAll(deliveries.Concat(successPages));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var order = await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.Delivered);
        await Task.Delay(1500);
        await store.WaitForDueWorkAsync();

        var upstream = Assert.Single(await citrus.EsimsForAsync(checkout.OrderNumber));
        Assert.Equal(CitrusUpstream.StartingBalance - CitrusUpstream.ProvisionFee - order.Plan.FundAmountUsd!.Value, await citrus.ResellerBalanceAsync());
        Assert.Equal(upstream.Iccid, Assert.Single(order.Esims).Iccid);
        Assert.Single(Directory.GetFiles(store.MailFolder, "*.eml"));
        var eventId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();
        Assert.Equal(1, await store.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.ExternalId == eventId)));
        Assert.Equal(1, await store.WithDbAsync(db => db.WorkItems.CountAsync(w => w.Kind == WorkKinds.ProvisionOrder)));
        Assert.Equal(1, order.Events.Count(e => e.Kind == "payment.paid"));
    }

    [Fact]
    public async Task Bad_or_stale_signature_gets_400_and_changes_nothing()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var checkout = await shopper.StartCheckoutAsync("GB", 1);
        var secret = store.Services.GetRequiredService<SandboxMode>().StripeWebhookSecret;
        var forged = ForgedCompletedEvent("evt_forged_1", checkout.SessionId);

        var wrongSecret = await PostSignedAsync(shopper.Http, forged, "whsec_not_the_secret", DateTimeOffset.UtcNow);
        var stale = await PostSignedAsync(shopper.Http, forged, secret, DateTimeOffset.UtcNow.AddSeconds(-301));
        var tampered = await PostAsync(shopper.Http, forged.Replace("evt_forged_1", "evt_forged_2"),
            StripeWebhookSignature.ComputeHeader(forged, secret, DateTimeOffset.UtcNow));
        var unsigned = await PostAsync(shopper.Http, forged, header: null);

        Assert.All([wrongSecret, stale, tampered, unsigned], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(0, await store.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.ExternalId.StartsWith("evt_forged"))));
        Assert.Equal(0, await store.WithDbAsync(db => db.WorkItems.CountAsync()));
        Assert.Equal(OrderStatus.AwaitingPayment, (await store.OrderAsync(checkout.OrderNumber)).Status);
    }

    [Fact]
    public async Task Signed_event_for_an_unpaid_session_is_recorded_but_pays_nothing()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var checkout = await shopper.StartCheckoutAsync("GB", 1);
        var secret = store.Services.GetRequiredService<SandboxMode>().StripeWebhookSecret;

        // A validly signed event can still be a replay or arrive early: the store asks Stripe before acting on it.
        var response = await PostSignedAsync(shopper.Http, ForgedCompletedEvent("evt_early_1", checkout.SessionId), secret, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await store.WaitUntilAsync(db => db.WorkItems.AnyAsync(w => w.Status == WorkItemStatus.Succeeded), "the event's work item to run");
        var order = await store.OrderAsync(checkout.OrderNumber);
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Empty(order.Esims);
    }

    private static async Task<string> CompletedEventAsync(Shopper shopper, string sessionId)
    {
        for (var i = 0; i < 50; i++)
        {
            var events = JsonNode.Parse(await shopper.Http.GetStringAsync("/sandbox/stripe/_sim/events?type=checkout.session.completed"))!.AsArray();
            var match = events.FirstOrDefault(e => e!["data"]!["object"]!["id"]!.GetValue<string>() == sessionId);
            if (match is not null) return match.ToJsonString();
            await Task.Delay(100);
        }
        throw new TimeoutException("The simulator never created checkout.session.completed.");
    }

    private static string ForgedCompletedEvent(string eventId, string sessionId) => new JsonObject
    {
        ["id"] = eventId,
        ["object"] = "event",
        ["type"] = "checkout.session.completed",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["data"] = new JsonObject { ["object"] = new JsonObject { ["id"] = sessionId, ["object"] = "checkout.session", ["payment_status"] = "paid" } },
    }.ToJsonString();

    private static Task<HttpResponseMessage> PostSignedAsync(HttpClient http, string body, string secret, DateTimeOffset at) =>
        PostAsync(http, body, StripeWebhookSignature.ComputeHeader(body, secret, at));

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string body, string? header)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (header is not null) request.Headers.TryAddWithoutValidation("Stripe-Signature", header);
        return http.SendAsync(request);
    }
}
