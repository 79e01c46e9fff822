using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.Payments;
using Storefront.Sandbox.Payments;
using Storefront.Tests.Support;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Tests.Payments;

/// <summary>
/// The Stripe simulator on a real Kestrel port, Stripe.net's <see cref="IStripeClient"/> wired through
/// <see cref="PaymentsServiceCollectionExtensions.AddStripePayments"/> pointing at it, and optionally a second
/// server that receives its webhooks.
/// </summary>
internal sealed class StripeSandbox : IAsyncDisposable
{
    public const string ApiKey = "sk_test_123";
    public const string WebhookSecret = "whsec_sandbox_test_secret";
    public const string SuccessUrl = "https://shop.example/checkout/success?session_id={CHECKOUT_SESSION_ID}";
    public const string CancelUrl = "https://shop.example/cart";

    private readonly ServiceProvider _clientServices;

    private StripeSandbox(LoopbackHost simulator, string prefix, WebhookReceiver? receiver, ServiceProvider clientServices, ConcurrentQueue<SentRequest> sent)
    {
        Sent = sent;
        Simulator = simulator;
        Receiver = receiver;
        _clientServices = clientServices;
        Client = clientServices.GetRequiredService<IStripeClient>();
        ApiBase = new Uri(simulator.BaseAddress, prefix.Trim('/') is { Length: > 0 } path ? path + "/" : "");
        Http = new HttpClient { BaseAddress = ApiBase };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
    }

    public LoopbackHost Simulator { get; }

    public WebhookReceiver? Receiver { get; }

    /// <summary>Every request Stripe.net put on the wire, as the simulator received it.</summary>
    public ConcurrentQueue<SentRequest> Sent { get; }

    public IStripeClient Client { get; }

    public SessionService Sessions => new(Client);

    public RefundService Refunds => new(Client);

    public PaymentIntentService PaymentIntents => new(Client);

    /// <summary>Where the simulator is mounted, ending in '/'.</summary>
    public Uri ApiBase { get; }

    /// <summary>Raw HTTP to the simulator, authenticated with the test key; paths are relative ("v1/…", "_sim/…").</summary>
    public HttpClient Http { get; }

    public StripeSimulatorState State => Simulator.Services.GetRequiredService<StripeSimulatorState>();

    public static async Task<StripeSandbox> StartAsync(
        string prefix = "/sandbox/stripe",
        Action<StripeSimulatorOptions>? configure = null,
        Func<int, int>? receiverStatus = null,
        TimeProvider? time = null,
        int maxNetworkRetries = 2)
    {
        WebhookReceiver? receiver = receiverStatus is null ? null : await WebhookReceiver.StartAsync(receiverStatus);
        var simulator = await LoopbackHost.StartAsync(
            services =>
            {
                if (time is not null)
                    services.TryAddSingleton(time);
                services.AddStripeSimulator(options =>
                {
                    options.WebhookSecret = WebhookSecret;
                    options.WebhookUrl = receiver?.Url.ToString();
                    options.RetrySchedule = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)];
                    configure?.Invoke(options);
                });
            },
            app => app.MapStripeSimulator(prefix));

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Stripe:SecretKey"] = ApiKey,
                ["Stripe:WebhookSecret"] = WebhookSecret,
                ["Stripe:ApiBase"] = new Uri(simulator.BaseAddress, prefix.TrimStart('/')).ToString(),
                ["Stripe:MaxNetworkRetries"] = maxNetworkRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            .Build();
        var sent = new ConcurrentQueue<SentRequest>();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddStripePayments(configuration);
        services.AddHttpClient(PaymentsServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(() => new RecordingHandler(sent));
        return new StripeSandbox(simulator, prefix, receiver, services.BuildServiceProvider(), sent);
    }

    /// <summary>A session as the store opens one (StartCheckout.PaymentSessions), with two lines.</summary>
    public static SessionCreateOptions ESimOrder(string? email = "traveller@example.com", Dictionary<string, string>? metadata = null) => new()
    {
        Mode = "payment",
        LineItems = [Line("Europe 10 GB · 30 days", 1999, 1, "eSIM data plan for 39 countries"), Line("Japan 3 GB · 7 days", 750, 2)],
        SuccessUrl = SuccessUrl,
        CancelUrl = CancelUrl,
        CustomerEmail = email,
        ClientReferenceId = "order_42",
        Metadata = metadata ?? new Dictionary<string, string> { ["order_id"] = "42" },
        PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string> { ["order_id"] = "42" } },
    };

    public static SessionLineItemOptions Line(string name, long unitAmount, long quantity, string? description = null) => new()
    {
        PriceData = new SessionLineItemPriceDataOptions
        {
            Currency = "eur",
            UnitAmount = unitAmount,
            ProductData = new SessionLineItemPriceDataProductDataOptions { Name = name, Description = description },
        },
        Quantity = quantity,
    };

    /// <summary>A fresh idempotency key, as the store derives one per attempt.</summary>
    public static RequestOptions NewKey() => Key("test-" + Guid.NewGuid());

    public static RequestOptions Key(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };

    public Task<Session> CreateSessionAsync(SessionCreateOptions? options = null, RequestOptions? key = null) =>
        Sessions.CreateAsync(options ?? ESimOrder(), key ?? NewKey());

    public Task<Session> GetSessionAsync(string id, params string[] expand) =>
        Sessions.GetAsync(id, new SessionGetOptions { Expand = [.. expand] });

    /// <summary>Pays through the headless control route, as the hosted form would.</summary>
    public async Task<SimPayResult> PayAsync(string sessionId, string card = "4242424242424242", string email = "traveller@example.com", string? threeDs = null)
    {
        var fields = new Dictionary<string, string> { ["card"] = card, ["email"] = email };
        if (threeDs is not null)
            fields["three_ds"] = threeDs;
        using var response = await Http.PostAsync($"_sim/checkout/{sessionId}/pay", new FormUrlEncodedContent(fields));
        var result = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<SimPayResult>(response.Content, SnakeCase);
        return result!;
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, string form, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded") };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return Http.SendAsync(request);
    }

    public static readonly System.Text.Json.JsonSerializerOptions SnakeCase = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
    };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _clientServices.DisposeAsync();
        await Simulator.DisposeAsync();
        if (Receiver is not null)
            await Receiver.DisposeAsync();
    }
}

internal sealed record SentRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>Sits between Stripe.net and the socket, so tests can see the library's wire format.</summary>
internal sealed class RecordingHandler(ConcurrentQueue<SentRequest> sent) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        sent.Enqueue(new SentRequest(request.Method.Method, request.RequestUri!.AbsolutePath, Uri.UnescapeDataString(request.RequestUri.Query), headers, body));
        return await base.SendAsync(request, cancellationToken);
    }
}

internal sealed record SimPayResult(string Outcome, string? RedirectUrl, SimPayError? Error);

internal sealed record SimPayError(string? Code, string? DeclineCode, string? Message, string? Field);

/// <summary>A store-like webhook endpoint on its own port that records every delivery's raw bytes and headers.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly LoopbackHost _host;

    private WebhookReceiver(LoopbackHost host, ConcurrentQueue<ReceivedWebhook> deliveries)
    {
        _host = host;
        Deliveries = deliveries;
    }

    public ConcurrentQueue<ReceivedWebhook> Deliveries { get; }

    public Uri Url => new(_host.BaseAddress, "webhooks/stripe");

    /// <param name="status">Status to answer for the n-th delivery (1-based).</param>
    public static async Task<WebhookReceiver> StartAsync(Func<int, int> status)
    {
        var deliveries = new ConcurrentQueue<ReceivedWebhook>();
        var count = 0;
        var host = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/webhooks/stripe", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            deliveries.Enqueue(new ReceivedWebhook(body.ToArray(), headers, DateTimeOffset.UtcNow));
            http.Response.StatusCode = status(Interlocked.Increment(ref count));
        }));
        return new WebhookReceiver(host, deliveries);
    }

    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var snapshot = Deliveries.ToList();
            if (condition(snapshot))
                return snapshot;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Webhook condition not met; received {snapshot.Count}: {string.Join(", ", snapshot.Select(d => d.Event.Type))}");
            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

internal sealed record ReceivedWebhook(byte[] Body, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ReceivedAt)
{
    public string Json => Encoding.UTF8.GetString(Body);

    /// <summary>Parsed by Stripe.net, which also refuses an api_version of another release than the one it pins.</summary>
    public Event Event => EventUtility.ParseEvent(Json);

    public string Signature => Headers.GetValueOrDefault("Stripe-Signature", "");

    /// <summary>As the store reads it: signature, its age and the API version checked by Stripe.net.</summary>
    public Event Verified(string secret = StripeSandbox.WebhookSecret) => EventUtility.ConstructEvent(Json, Signature, secret);
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
