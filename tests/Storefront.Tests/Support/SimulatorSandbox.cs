using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Storefront.Tests.Support;

/// <summary>
/// A provider simulator on its own loopback port, its <c>__sim/</c> controls, and the client service providers a test
/// builds against it (disposed with it). Each provider's sandbox adds its client, provider and shortcuts.
/// </summary>
internal abstract class SimulatorSandbox : IAsyncDisposable
{
    private readonly LoopbackHost _host;
    private readonly List<ServiceProvider> _clients = [];

    protected SimulatorSandbox(LoopbackHost host, string prefix)
    {
        _host = host;
        ApiBase = new Uri(host.BaseAddress, prefix.TrimStart('/') + "/");
        Control = new HttpClient { BaseAddress = new Uri(ApiBase, "__sim/") };
    }

    public Uri ApiBase { get; }
    public HttpClient Control { get; }
    protected IServiceProvider SimulatorServices => _host.Services;

    /// <summary>POSTs to a control and returns its answer, failing the test on an error status.</summary>
    public async Task<JsonNode> SimAsync(string path, object? body = null)
    {
        using var response = await Control.PostAsJsonAsync(path, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"__sim/{path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> SimGetAsync(string path) => JsonNode.Parse(await Control.GetStringAsync(path))!;

    public Task<JsonNode> AdvanceAsync(TimeSpan by) => SimAsync("clock/advance", new { seconds = by.TotalSeconds });

    public Task<JsonNode> SettingsAsync(object settings) => SimAsync("settings", settings);

    public Task<JsonNode> FaultAsync(string path, string kind, int count = 1, int status = 503, string? method = null) =>
        SimAsync("faults", new { path, method, kind, count, status });

    /// <summary>
    /// The real client and provider as the store registers them (<paramref name="addProvider"/>), from
    /// <paramref name="settings"/> then <paramref name="client"/>; disposed with the sandbox.
    /// </summary>
    protected ServiceProvider ClientServices<TOptions>(IDictionary<string, string?> settings,
        Action<IServiceCollection, IConfiguration> addProvider, Action<TOptions>? client, TimeProvider? time = null) where TOptions : class
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null) services.AddSingleton(time);
        addProvider(services, configuration);
        if (client is not null) services.Configure(client);
        var provider = services.BuildServiceProvider();
        _clients.Add(provider);
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        foreach (var services in _clients) await services.DisposeAsync();
        await _host.DisposeAsync();
    }
}
