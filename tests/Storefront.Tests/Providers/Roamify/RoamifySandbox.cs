using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Providers;
using Storefront.Providers.Roamify;
using Storefront.Providers.Roamify.Simulator;
using Storefront.Tests.Support;

namespace Storefront.Tests.Providers.Roamify;

/// <summary>The Roamify simulator on its own loopback port, and the real client and provider pointed at it.</summary>
internal sealed class RoamifySandbox : IAsyncDisposable
{
    public const string Prefix = "/sandbox/roamify";
    public static readonly TimeSpan FastRetry = TimeSpan.FromMilliseconds(200);

    private readonly LoopbackHost _host;
    private readonly ServiceProvider _clientServices;
    private readonly List<ServiceProvider> _otherClients = [];

    private RoamifySandbox(LoopbackHost host, ServiceProvider clientServices, Uri apiBase)
    {
        _host = host;
        _clientServices = clientServices;
        ApiBase = apiBase;
        Control = new HttpClient { BaseAddress = new Uri(apiBase, "__sim/") };
    }

    public Uri ApiBase { get; }
    public HttpClient Control { get; }
    public RoamifyClient Client => _clientServices.GetRequiredService<RoamifyClient>();
    public RoamifyProvider Provider => _clientServices.GetRequiredService<RoamifyProvider>();

    /// <summary>Profiles are generated at once unless a test sets <see cref="RoamifySimulatorOptions.ApplyDelay"/>.</summary>
    public static async Task<RoamifySandbox> StartAsync(Action<RoamifySimulatorOptions>? simulator = null, Action<RoamifyOptions>? client = null)
    {
        var host = await LoopbackHost.StartAsync(
            services => services.AddRoamifySimulator(o =>
            {
                o.Seed = 20261122;
                o.ApplyDelay = TimeSpan.Zero;
                o.WebhookRetrySchedule = [FastRetry, FastRetry, FastRetry];
                simulator?.Invoke(o);
            }),
            app => app.MapRoamifySimulator(Prefix));
        var apiBase = new Uri(host.BaseAddress, Prefix.TrimStart('/') + "/");
        return new RoamifySandbox(host, ClientServices(apiBase, client), apiBase);
    }

    /// <summary>Another client and provider with other options (e.g. a short timeout), for the call under test only.</summary>
    public RoamifyProvider ProviderWith(Action<RoamifyOptions> client) => ServicesWith(client).GetRequiredService<RoamifyProvider>();

    public RoamifyClient ClientWith(Action<RoamifyOptions> client) => ServicesWith(client).GetRequiredService<RoamifyClient>();

    private ServiceProvider ServicesWith(Action<RoamifyOptions> client)
    {
        var services = ClientServices(ApiBase, client);
        _otherClients.Add(services);
        return services;
    }

    private static ServiceProvider ClientServices(Uri apiBase, Action<RoamifyOptions>? client)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Roamify:AccessToken"] = RoamifySimulatorOptions.DefaultAccessToken,
            ["Roamify:Timeout"] = "00:00:10",
            ["Roamify:ApplyTimeout"] = "00:00:10",
            ["Roamify:ApplyWaitLimit"] = "00:00:10",
            ["Roamify:ApplyPollInterval"] = "00:00:00.1",
            ["Roamify:MaxRetryDelay"] = "00:00:00.2",
            ["Roamify:WebhookSecret"] = RoamifySimulatorOptions.DefaultWebhookSecret,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRoamifyProvider(configuration, _ => apiBase);
        if (client is not null) services.Configure(client);
        return services.BuildServiceProvider();
    }

    public async Task<JsonNode> SimAsync(string path, object? body = null)
    {
        using var response = await Control.PostAsJsonAsync(path, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"__sim/{path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> SimGetAsync(string path) => JsonNode.Parse(await Control.GetStringAsync(path))!;

    public Task<JsonNode> UseAsync(string iccid, decimal mb) => SimAsync($"esims/{iccid}/usage", new { mb });

    public Task<JsonNode> ActivateAsync(string iccid) => SimAsync($"esims/{iccid}/activate");

    public Task<JsonNode> AdvanceAsync(TimeSpan by) => SimAsync("clock/advance", new { seconds = by.TotalSeconds });

    public Task<JsonNode> FaultAsync(string path, string kind, int count = 1, int status = 503) =>
        SimAsync("faults", new { path, kind, count, status });

    public Task<JsonNode> SettingsAsync(object settings) => SimAsync("settings", settings);

    public async Task<JsonArray> OrdersAsync() => (await SimGetAsync("state"))["orders"]!.AsArray();

    public async Task<JsonNode> EsimStateAsync(string iccid) =>
        (await SimGetAsync("state"))["esims"]!.AsArray().Single(e => (string?)e!["iccid"] == iccid)!;

    public async Task<decimal> BalanceAsync() => (await Client.GetBalanceAsync(CancellationToken.None)).Balance;

    public Task<UpstreamEsim> BuyAsync(string packageId, string reference = "ORD-1", DateOnly? travelStart = null) =>
        Provider.CreateEsimAsync(new ProvisionRequest(reference, "Maria G. - trip", packageId, null, travelStart), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await _clientServices.DisposeAsync();
        foreach (var services in _otherClients) await services.DisposeAsync();
        await _host.DisposeAsync();
    }
}

/// <summary>A webhook receiver on another loopback port that records raw bodies and signature headers.</summary>
internal sealed class RoamifyWebhookReceiver : IAsyncDisposable
{
    private readonly LoopbackHost _host;
    private int _failuresLeft;

    private RoamifyWebhookReceiver(LoopbackHost host) => _host = host;

    public ConcurrentQueue<(string? Signature, byte[] Body)> Received { get; } = new();

    public Uri Url => new(_host.BaseAddress, "webhooks/roamify");

    /// <summary>Answers 500 to the next <paramref name="count"/> deliveries.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public static async Task<RoamifyWebhookReceiver> StartAsync()
    {
        RoamifyWebhookReceiver? receiver = null;
        var host = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/webhooks/roamify", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            receiver!.Received.Enqueue((request.Headers[RoamifyWebhook.SignatureHeader].FirstOrDefault(), buffer.ToArray()));
            return Interlocked.Decrement(ref receiver._failuresLeft) >= 0
                ? Results.StatusCode(500)
                : Results.Json(new { code = 200, status = "success" });
        }));
        receiver = new RoamifyWebhookReceiver(host);
        return receiver;
    }

    public IReadOnlyList<ProviderWebhookEvent> Events(RoamifyProvider provider) => Received
        .Select(r => provider.ParseWebhook(new Dictionary<string, string> { [RoamifyWebhook.SignatureHeader] = r.Signature ?? "" }, r.Body, null))
        .OfType<ProviderWebhookEvent>()
        .ToList();

    public async Task<IReadOnlyList<ProviderWebhookEvent>> WaitForAsync(RoamifyProvider provider, Func<IReadOnlyList<ProviderWebhookEvent>, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var events = Events(provider);
            if (done(events)) return events;
            await Task.Delay(50);
        }
        return Events(provider);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
