using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Providers;
using Storefront.Providers.CloudeSim;
using Storefront.Providers.CloudeSim.Simulator;
using Storefront.Tests.Support;

namespace Storefront.Tests.Providers.CloudeSim;

/// <summary>The CloudeSIM simulator on its own loopback port, and the real client and provider pointed at it.</summary>
internal sealed class CloudeSimSandbox : IAsyncDisposable
{
    public const string Prefix = "/sandbox/cloudesim";

    private readonly LoopbackHost _host;
    private readonly ServiceProvider _clientServices;
    private readonly List<ServiceProvider> _otherClients = [];

    private CloudeSimSandbox(LoopbackHost host, ServiceProvider clientServices, Uri apiBase)
    {
        _host = host;
        _clientServices = clientServices;
        ApiBase = apiBase;
        Control = new HttpClient { BaseAddress = new Uri(apiBase, "__sim/") };
    }

    public Uri ApiBase { get; }
    public HttpClient Control { get; }
    public CloudeSimClient Client => _clientServices.GetRequiredService<CloudeSimClient>();
    public CloudeSimProvider Provider => _clientServices.GetRequiredService<CloudeSimProvider>();

    public static async Task<CloudeSimSandbox> StartAsync(Action<CloudeSimSimulatorOptions>? simulator = null, Action<CloudeSimOptions>? client = null)
    {
        var host = await LoopbackHost.StartAsync(
            services => services.AddCloudeSimSimulator(o =>
            {
                o.Seed = 20261122;
                simulator?.Invoke(o);
            }),
            app => app.MapCloudeSimSimulator(Prefix));
        var apiBase = new Uri(host.BaseAddress, Prefix.TrimStart('/') + "/");
        return new CloudeSimSandbox(host, ClientServices(apiBase, client), apiBase);
    }

    /// <summary>
    /// Another client and provider with their own options and their own call journal: what a restarted process (or
    /// another instance of the store) has.
    /// </summary>
    public CloudeSimProvider ProviderWith(Action<CloudeSimOptions>? client = null)
    {
        var services = ClientServices(ApiBase, client);
        _otherClients.Add(services);
        return services.GetRequiredService<CloudeSimProvider>();
    }

    private static ServiceProvider ClientServices(Uri apiBase, Action<CloudeSimOptions>? client)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CloudeSim:ApiToken"] = CloudeSimSimulatorOptions.DefaultApiToken,
            ["CloudeSim:Timeout"] = "00:00:10",
            ["CloudeSim:MaxRetryDelay"] = "00:00:00.2",
            ["CloudeSim:AllocationPollInterval"] = "00:00:00.1",
            ["CloudeSim:AllocationTimeout"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCloudeSimProvider(configuration, _ => apiBase);
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

    public Task<JsonNode> UseAsync(string iccid, decimal mb) => SimAsync($"esim/{iccid}/usage", new { mb });

    public Task<JsonNode> AdvanceAsync(TimeSpan by) => SimAsync("clock/advance", new { seconds = by.TotalSeconds });

    public Task<JsonNode> SettingsAsync(object settings) => SimAsync("settings", settings);

    public Task<JsonNode> FaultAsync(string path, string kind, int count = 1, int status = 503) =>
        SimAsync("faults", new { path, kind, count, status });

    /// <summary>Orders the simulator has taken, by type (BASE or TOPUP).</summary>
    public async Task<int> OrderCountAsync(string type = CloudeSimPackageTypes.Base) =>
        (await SimGetAsync("state"))["orders"]!.AsArray().Count(o => (string?)o!["type"] == type);

    public async Task<decimal> BalanceAsync() => (await Client.GetBalanceAsync(CancellationToken.None)).Balance;

    public Task<UpstreamEsim> OrderAsync(string packageCode = "ESIM_1GB_7D_US", string reference = "ORD-1") =>
        Provider.CreateEsimAsync(new ProvisionRequest(reference, "Maria G. - USA", packageCode, null), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await _clientServices.DisposeAsync();
        foreach (var services in _otherClients) await services.DisposeAsync();
        await _host.DisposeAsync();
    }

    /// <summary>Decodes a QR PNG with zbarimg when it is installed (scripts/test.sh installs zbar-tools); null otherwise.</summary>
    public static string? ScanQr(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        if (!File.Exists("/usr/bin/zbarimg")) return null;
        var file = Path.Combine(Path.GetTempPath(), $"cloudesim-qr-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(file, png);
        try
        {
            using var zbar = Process.Start(new ProcessStartInfo("/usr/bin/zbarimg", ["--raw", "-q", file]) { RedirectStandardOutput = true })!;
            var text = zbar.StandardOutput.ReadToEnd().Trim();
            zbar.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
