using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Storefront.Features.Webhooks;
using Storefront.Providers;
using Storefront.Providers.Citrus;
using Storefront.Sandbox;
using Storefront.Tests.Support;
using Stripe;

namespace Storefront.Tests.Webhooks;

/// <summary>Provider webhooks never fail quietly, and the repeats every sender makes are not errors.</summary>
public sealed class WebhookFailureTests
{
    [Fact]
    public async Task A_registration_answer_without_a_signing_secret_is_an_error_alerted_to_staff_retried_and_never_stored_empty()
    {
        var renamer = new SecretFieldRenamer(times: 2);
        await using var store = new StoreFactory().WithServices(services => services.Configure<HttpClientFactoryOptions>(nameof(CitrusClient),
            o => o.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Add(renamer))));
        store.StartServer();

        await store.WaitUntilAsync(db => db.Settings.AnyAsync(s => s.Key == "webhooks:citrus:secret"), "the webhook to be registered");

        Assert.Equal(3, renamer.Registrations);
        Assert.Equal(2, store.Logs.Lines.Count(l => l.StartsWith("Error") && l.Contains("Could not register the") && l.Contains("citrus") && l.Contains("no signing secret")));
        await using (var scope = store.Services.CreateAsyncScope())
            Assert.StartsWith("whsec_", await scope.ServiceProvider.GetRequiredService<WebhookSecrets>().GetAsync("citrus", CancellationToken.None));
        Assert.Single(await store.Services.GetRequiredService<CitrusClient>().ListWebhooksAsync(CancellationToken.None));
        await store.WaitUntilAsync(_ => Task.FromResult(Directory.Exists(store.MailFolder) && Directory.GetFiles(store.MailFolder, "*.eml")
            .Select(f => MimeKit.MimeMessage.Load(f)).Count(m => m.Subject!.Contains("[Action needed] citrus webhook registration failed")) == 1), "one staff alert");
    }

    [Fact]
    public async Task A_signed_body_that_cannot_be_read_is_answered_as_unreadable_and_an_odd_timestamp_does_not_drop_the_event()
    {
        await using var store = await StoreFactory.StartAsync();
        using var http = store.CreateBrowserClient();
        var secret = await CitrusSecretAsync(store);

        var unreadable = await PostCitrusAsync(http, secret, """{"id":"evt_a","event":"esim.activated","data":{"iccid":""");
        var oddTimestamp = await PostCitrusAsync(http, secret, """{"id":"evt_b","event":"esim.activated","created_at":"2026-08-21 00:00:00","data":{"iccid":"8910300000058398140"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("Unreadable body", await unreadable.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, oddTimestamp.StatusCode);
        Assert.Equal(1, await store.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.Source == "citrus" && e.ExternalId == "evt_b")));
    }

    [Fact]
    public async Task Repeated_Stripe_and_provider_events_are_answered_as_duplicates_without_an_error_or_warning_line()
    {
        await using var store = await StoreFactory.StartAsync();
        using var http = store.CreateBrowserClient();
        var citrusSecret = await CitrusSecretAsync(store);
        var stripeSecret = store.StripeWebhookSecret;
        var stripeEvent = """{"id":"evt_repeat","object":"event","api_version":"2026-10-28.endive","type":"customer.created","created":"""
                          + DateTimeOffset.UtcNow.ToUnixTimeSeconds() + ""","data":{"object":{"id":"cus_1","object":"customer"}}}""";
        var citrusEvent = """{"id":"evt_repeat_c","event":"webhook.test","created_at":"2026-08-21T00:00:00Z","data":{}}""";
        var before = store.Logs.Lines.Count;

        for (var i = 0; i < 3; i++)
        {
            var stripe = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(stripeEvent, Encoding.UTF8, "application/json") };
            stripe.Headers.TryAddWithoutValidation("Stripe-Signature", EventUtility.GenerateSignatureHeader(stripeEvent, stripeSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(stripe)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await PostCitrusAsync(http, citrusSecret, citrusEvent)).StatusCode);
        }

        var lines = store.Logs.Lines.Skip(before).ToList();
        Assert.DoesNotContain(lines, l => l.StartsWith("Error") || l.StartsWith("Warning") || l.StartsWith("Critical"));
        Assert.DoesNotContain(lines, l => l.Contains("DbUpdateException") || l.Contains("   at "));
        Assert.Equal(1, await store.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.ExternalId == "evt_repeat")));
        Assert.Equal(1, await store.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.ExternalId == "evt_repeat_c")));
    }

    private static async Task<string> CitrusSecretAsync(StoreFactory store)
    {
        await store.WaitUntilAsync(db => db.Settings.AnyAsync(s => s.Key == "webhooks:citrus:secret"), "the Citrus webhook to be registered");
        await using var scope = store.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<WebhookSecrets>().GetAsync("citrus", CancellationToken.None))!;
    }

    private static Task<HttpResponseMessage> PostCitrusAsync(HttpClient http, string secret, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/citrus") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(CitrusWebhook.SignatureHeader, Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))));
        return http.SendAsync(request);
    }

    /// <summary>Gives the first answers to POST /webhooks the secret under another name, as a changed API might.</summary>
    private sealed class SecretFieldRenamer(int times) : DelegatingHandler
    {
        private int _registrations;

        public int Registrations => _registrations;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var response = await base.SendAsync(request, ct);
            if (request.Method != HttpMethod.Post || request.RequestUri!.AbsolutePath.TrimEnd('/').EndsWith("/webhooks") is false) return response;
            if (Interlocked.Increment(ref _registrations) > times) return response;
            var body = (await response.Content.ReadAsStringAsync(ct)).Replace("\"signing_secret\"", "\"secret\"");
            response.Content = new StringContent(body, Encoding.UTF8, "application/json");
            return response;
        }
    }
}
