using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain;
using Storefront.Jobs;
using Stripe;
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
        var secret = store.StripeWebhookSecret;
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
        var secret = store.StripeWebhookSecret;
        var forged = ForgedCompletedEvent("evt_forged_1", checkout.SessionId);

        var wrongSecret = await PostSignedAsync(shopper.Http, forged, "whsec_not_the_secret", DateTimeOffset.UtcNow);
        var stale = await PostSignedAsync(shopper.Http, forged, secret, DateTimeOffset.UtcNow.AddSeconds(-301));
        var future = await PostSignedAsync(shopper.Http, forged, secret, DateTimeOffset.UtcNow.AddSeconds(301));
        var v0Only = await PostAsync(shopper.Http, forged, EventUtility.GenerateSignatureHeader(forged, secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Replace("v1=", "v0="));
        var tampered = await PostAsync(shopper.Http, forged.Replace("evt_forged_1", "evt_forged_2"),
            EventUtility.GenerateSignatureHeader(forged, secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var unsigned = await PostAsync(shopper.Http, forged, header: null);

        Assert.All([wrongSecret, stale, future, v0Only, tampered, unsigned], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(0, await store.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.ExternalId.StartsWith("evt_forged"))));
        Assert.Equal(0, await store.WithDbAsync(db => db.WorkItems.CountAsync()));
        Assert.Equal(OrderStatus.AwaitingPayment, (await store.OrderAsync(checkout.OrderNumber)).Status);
    }

    [Fact]
    public async Task Event_signed_with_a_rolled_secret_and_the_current_one_is_accepted()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var checkout = await shopper.StartCheckoutAsync("GB", 1);
        var secret = store.StripeWebhookSecret;
        var body = ForgedCompletedEvent("evt_rolled_1", checkout.SessionId);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        // While a secret is being rolled Stripe signs with both; any matching v1 counts.
        var response = await PostAsync(shopper.Http, body,
            $"t={timestamp},v1={EventUtility.ComputeSignature("whsec_old_rolled", timestamp, body)},v1={EventUtility.ComputeSignature(secret, timestamp, body)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Signed_event_for_an_unpaid_session_is_recorded_but_pays_nothing()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var checkout = await shopper.StartCheckoutAsync("GB", 1);
        var secret = store.StripeWebhookSecret;

        // A validly signed event can still be a replay or arrive early: the store asks Stripe before acting on it.
        var response = await PostSignedAsync(shopper.Http, ForgedCompletedEvent("evt_early_1", checkout.SessionId), secret, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await store.WaitUntilAsync(db => db.WorkItems.AnyAsync(w => w.Status == WorkItemStatus.Succeeded), "the event's work item to run");
        var order = await store.OrderAsync(checkout.OrderNumber);
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Empty(order.Esims);
    }

    [Fact]
    public async Task Signed_event_rendered_at_another_api_version_is_accepted_and_confirmed_through_the_api()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var checkout = await shopper.StartCheckoutAsync("GB", 1);
        await shopper.PayAsync(checkout.SessionId);
        var secret = store.StripeWebhookSecret;

        // The account's webhook endpoint may render events at an older release; the store only takes the session id
        // from it and re-reads the session at the version Stripe.net pins.
        var response = await PostSignedAsync(shopper.Http, ForgedCompletedEvent("evt_acacia_1", checkout.SessionId, "2024-06-20.acacia"), secret, DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await store.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.ExternalId == "evt_acacia_1")));
        await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.Delivered);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"id\":42,\"object\":\"event\",\"type\":\"checkout.session.completed\",\"api_version\":\"2026-10-28.endive\"}")]
    [InlineData("{\"id\":\"evt_malformed_1\",\"object\":\"event\",\"type\":\"checkout.session.completed\",\"api_version\":\"2026-10-28.endive\",\"data\":{\"object\":{\"object\":\"checkout.session\",\"payment_status\":7}}}")]
    [InlineData("{\"id\":\"evt_malformed_2\",\"object\":\"event\",\"type\":\"checkout.session.completed\",\"api_version\":\"2026-10-28.endive\",\"data\":{\"object\":{\"object\":\"checkout.session\"}}}")]
    public async Task Signed_body_that_is_not_a_usable_event_gets_400_and_changes_nothing(string body)
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var secret = store.StripeWebhookSecret;

        var response = await PostSignedAsync(shopper.Http, body, secret, DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await store.WithDbAsync(db => db.InboxEvents.CountAsync()));
        Assert.Equal(0, await store.WithDbAsync(db => db.WorkItems.CountAsync()));
    }

    [Fact]
    public async Task Sandbox_webhook_secret_is_read_from_configuration_so_an_outside_tool_can_sign_events()
    {
        await using var store = await StoreFactory.StartAsync(settings: new Dictionary<string, string?> { ["Sandbox:Stripe:WebhookSecret"] = "whsec_from_settings" });
        using var shopper = new Shopper(store);
        var checkout = await shopper.StartCheckoutAsync("GB", 1);

        var signedWithSetting = await PostSignedAsync(shopper.Http, ForgedCompletedEvent("evt_outside_1", checkout.SessionId), "whsec_from_settings", DateTimeOffset.UtcNow);
        var signedWithDefault = await PostSignedAsync(shopper.Http, ForgedCompletedEvent("evt_outside_2", checkout.SessionId), Storefront.Sandbox.SandboxExtensions.DefaultStripeWebhookSecret, DateTimeOffset.UtcNow);
        await shopper.PayAsync(checkout.SessionId);

        Assert.Equal("whsec_from_settings", store.StripeWebhookSecret);
        Assert.Equal(HttpStatusCode.OK, signedWithSetting.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signedWithDefault.StatusCode);
        // The simulator signs with the same setting, so the store accepts its own deliveries too.
        await store.WaitUntilAsync(db => db.InboxEvents.AnyAsync(e => e.Type == "checkout.session.completed" && !e.ExternalId.StartsWith("evt_outside")),
            "the simulator's checkout.session.completed to be accepted");
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

    private static string ForgedCompletedEvent(string eventId, string sessionId, string apiVersion = "2026-10-28.endive") => new JsonObject
    {
        ["id"] = eventId,
        ["object"] = "event",
        ["api_version"] = apiVersion,
        ["type"] = "checkout.session.completed",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["data"] = new JsonObject { ["object"] = new JsonObject { ["id"] = sessionId, ["object"] = "checkout.session", ["payment_status"] = "paid" } },
    }.ToJsonString();

    private static Task<HttpResponseMessage> PostSignedAsync(HttpClient http, string body, string secret, DateTimeOffset at) =>
        PostAsync(http, body, EventUtility.GenerateSignatureHeader(body, secret, at.ToUnixTimeSeconds()));

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string body, string? header)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (header is not null) request.Headers.TryAddWithoutValidation("Stripe-Signature", header);
        return http.SendAsync(request);
    }
}
