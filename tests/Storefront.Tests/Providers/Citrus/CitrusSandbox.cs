using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Providers.Citrus;
using Storefront.Providers.Citrus.Simulator;
using Storefront.Tests.Support;

namespace Storefront.Tests.Providers.Citrus;

/// <summary>The Citrus simulator on its own loopback port, and the real client and provider pointed at it.</summary>
internal sealed class CitrusSandbox : IAsyncDisposable
{
    public const string Prefix = "/sandbox/citrus";
    public static readonly TimeSpan FastRetry = TimeSpan.FromMilliseconds(200);

    private readonly LoopbackHost _host;
    private readonly ServiceProvider _clientServices;
    private readonly List<ServiceProvider> _otherClients = [];

    private CitrusSandbox(LoopbackHost host, ServiceProvider clientServices, Uri apiBase)
    {
        _host = host;
        _clientServices = clientServices;
        ApiBase = apiBase;
        Control = new HttpClient { BaseAddress = new Uri(apiBase, "__sim/") };
    }

    public Uri ApiBase { get; }
    public HttpClient Control { get; }
    public CitrusClient Client => _clientServices.GetRequiredService<CitrusClient>();
    public CitrusProvider Provider => _clientServices.GetRequiredService<CitrusProvider>();
    public CitrusSimulatorState State => _host.Services.GetRequiredService<CitrusSimulatorState>();

    public static async Task<CitrusSandbox> StartAsync(Action<CitrusSimulatorOptions>? simulator = null, Action<CitrusOptions>? client = null)
    {
        var host = await LoopbackHost.StartAsync(
            services => services.AddCitrusSimulator(o =>
            {
                o.Seed = 20261122;
                o.WebhookRetrySchedule = [FastRetry, FastRetry, FastRetry];
                simulator?.Invoke(o);
            }),
            app => app.MapCitrusSimulator(Prefix));
        var apiBase = new Uri(host.BaseAddress, Prefix.TrimStart('/') + "/");
        return new CitrusSandbox(host, ClientServices(apiBase, client), apiBase);
    }

    /// <summary>Another client and provider with other options (e.g. a short timeout), for the call under test only.</summary>
    public CitrusProvider ProviderWith(Action<CitrusOptions> client)
    {
        var services = ClientServices(ApiBase, client);
        _otherClients.Add(services);
        return services.GetRequiredService<CitrusProvider>();
    }

    private static ServiceProvider ClientServices(Uri apiBase, Action<CitrusOptions>? client)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Citrus:ApiKey"] = CitrusSimulatorOptions.DefaultApiKey,
            ["Citrus:Timeout"] = "00:00:10",
            ["Citrus:MaxRetryDelay"] = "00:00:00.2",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCitrusProvider(configuration, _ => apiBase);
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

    public Task<JsonNode> UseAsync(string iccid, decimal usd) => SimAsync($"esim/{iccid}/usage", new { usd });

    public Task<JsonNode> AdvanceAsync(TimeSpan by) => SimAsync("clock/advance", new { seconds = by.TotalSeconds });

    public Task<JsonNode> FaultAsync(string path, string kind, int count = 1, int status = 503) =>
        SimAsync("faults", new { path, kind, count, status });

    public async Task<CitrusProvisionedEsim> ProvisionFundedAsync(decimal amount, string reference = "order-1")
    {
        var esim = await Client.ProvisionAsync(reference, "Maria G. - Japan", CancellationToken.None);
        await Client.FundAsync(esim.Iccid, amount, CancellationToken.None);
        return esim;
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await _clientServices.DisposeAsync();
        foreach (var services in _otherClients) await services.DisposeAsync();
        await _host.DisposeAsync();
    }
}

/// <summary>A webhook receiver on another loopback port that records raw bodies and signature headers.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly LoopbackHost _host;
    private int _failuresLeft;

    private WebhookReceiver(LoopbackHost host) => _host = host;

    public ConcurrentQueue<(string? Signature, byte[] Body)> Received { get; } = new();

    public Uri Url => new(_host.BaseAddress, "hooks/citrus");

    /// <summary>Answers 500 to the next <paramref name="count"/> deliveries.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public static async Task<WebhookReceiver> StartAsync()
    {
        WebhookReceiver? receiver = null;
        var host = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/hooks/citrus", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            receiver!.Received.Enqueue((request.Headers[CitrusWebhook.SignatureHeader].FirstOrDefault(), buffer.ToArray()));
            return Interlocked.Decrement(ref receiver._failuresLeft) >= 0 ? Results.StatusCode(500) : Results.Ok();
        }));
        receiver = new WebhookReceiver(host);
        return receiver;
    }

    public IReadOnlyList<CitrusWebhookEvent> Events(string secret) => Received
        .Where(r => CitrusWebhook.IsSignatureValid(r.Signature, r.Body, secret))
        .Select(r => CitrusWebhook.Parse(r.Body))
        .ToList();

    public async Task<IReadOnlyList<CitrusWebhookEvent>> WaitForAsync(string secret, Func<IReadOnlyList<CitrusWebhookEvent>, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var events = Events(secret);
            if (done(events)) return events;
            await Task.Delay(50);
        }
        return Events(secret);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
