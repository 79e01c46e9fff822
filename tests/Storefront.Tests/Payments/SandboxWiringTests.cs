using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Payments;
using Storefront.Sandbox.Payments;
using Storefront.Tests.Support;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Tests.Payments;

/// <summary>The sandbox as the app runs it: client, simulator and webhook endpoint in one process, found by path.</summary>
public class SandboxWiringTests
{
    [Fact]
    public async Task Store_reaches_its_own_simulator_through_the_sandbox_redirect_and_receives_its_webhooks()
    {
        var received = new ConcurrentQueue<string>();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Stripe:SecretKey"] = "sk_test_sandbox",
                ["Stripe:WebhookSecret"] = StripeSandbox.WebhookSecret,
                ["Stripe:ApiBase"] = Storefront.Sandbox.SandboxRedirect.BaseUrl("stripe"),
            })
            .Build();
        await using var app = await LoopbackHost.StartAsync(
            services => services
                .AddStripePayments(configuration)
                .AddTransient<Storefront.Sandbox.SandboxRedirect>()
                .ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<Storefront.Sandbox.SandboxRedirect>())
                .AddStripeSimulator(o =>
                {
                    o.WebhookUrl = "/webhooks/stripe";
                    o.WebhookSecret = StripeSandbox.WebhookSecret;
                }),
            web =>
            {
                web.MapStripeSimulator("/sandbox/stripe");
                web.MapPost("/webhooks/stripe", async (HttpContext http) =>
                {
                    using var body = new MemoryStream();
                    await http.Request.Body.CopyToAsync(body);
                    try
                    {
                        var verified = EventUtility.ConstructEvent(System.Text.Encoding.UTF8.GetString(body.ToArray()),
                            http.Request.Headers["Stripe-Signature"], StripeSandbox.WebhookSecret);
                        received.Enqueue(verified.Type);
                        return Results.Ok();
                    }
                    catch (StripeException)
                    {
                        return Results.BadRequest();
                    }
                });
            });
        var client = app.Services.GetRequiredService<IStripeClient>();

        var session = await new SessionService(client).CreateAsync(StripeSandbox.ESimOrder(), StripeSandbox.NewKey());
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var payment = await browser.PostAsync(session.Url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "traveller@example.com",
            ["card-number"] = "4242 4242 4242 4242",
            ["card-expiry"] = "12 / 40",
            ["card-cvc"] = "123",
        }));
        for (var wait = 0; wait < 100 && !received.Contains(EventTypes.CheckoutSessionCompleted); wait++)
            await Task.Delay(50);

        Assert.StartsWith(new Uri(app.BaseAddress, "sandbox/stripe/c/pay/cs_test_").ToString(), session.Url);
        Assert.Equal(HttpStatusCode.SeeOther, payment.StatusCode);
        Assert.Contains(EventTypes.CheckoutSessionCompleted, received);
    }

    [Fact]
    public async Task Rate_limit_answers_429_before_the_idempotency_layer()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var sandbox = await StripeSandbox.StartAsync(configure: o => o.RateLimitPerSecond = 1, time: clock);

        using var first = await sandbox.PostFormAsync("v1/refunds", "payment_intent=pi_missing", "rate-key");
        using var limited = await sandbox.PostFormAsync("v1/refunds", "payment_intent=pi_missing", "rate-key");
        clock.Advance(TimeSpan.FromSeconds(1));
        using var later = await sandbox.PostFormAsync("v1/refunds", "payment_intent=pi_missing", "rate-key");

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("rate_limit", (await CheckoutSessionTests.ErrorOf(limited)).GetProperty("code").GetString());
        Assert.Equal("true", later.Headers.GetValues("Idempotent-Replayed").Single());
    }
}
