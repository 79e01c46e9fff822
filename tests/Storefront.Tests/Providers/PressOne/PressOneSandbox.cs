using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Providers;
using Storefront.Providers.PressOne;
using Storefront.Sandbox.PressOne;
using Storefront.Tests.Support;

namespace Storefront.Tests.Providers.PressOne;

/// <summary>The PressOne simulator on its own loopback port, and the real client and provider pointed at it.</summary>
internal sealed class PressOneSandbox : SimulatorSandbox
{
    public const string Prefix = "/sandbox/pressone";
    public const string JapanPackage = "sakura-mobile-15days-3gb";
    public const string JapanTopUp = "sakura-mobile-7days-1gb-topup";
    public const string UaePackage = "falcon-data-7days-1gb";

    private readonly ServiceProvider _clientServices;
    private readonly TimeProvider? _time;

    private PressOneSandbox(LoopbackHost host, Action<PressOneOptions>? client, TimeProvider? time) : base(host, Prefix)
    {
        _time = time;
        _clientServices = ClientServices(client);
    }

    public PressOneClient Client => _clientServices.GetRequiredService<PressOneClient>();
    public PressOneProvider Provider => _clientServices.GetRequiredService<PressOneProvider>();
    public PressOneSimulatorState State => SimulatorServices.GetRequiredService<PressOneSimulatorState>();

    /// <summary>
    /// Usage is read fresh and package history is not throttled unless a test says otherwise; <paramref name="time"/>,
    /// when given, is the clock of both the simulator and the client.
    /// </summary>
    public static async Task<PressOneSandbox> StartAsync(Action<PressOneSimulatorOptions>? simulator = null,
        Action<PressOneOptions>? client = null, TimeProvider? time = null)
    {
        var host = await LoopbackHost.StartAsync(
            services =>
            {
                if (time is not null) services.AddSingleton(time);
                services.AddPressOneSimulator(o =>
                {
                    o.Seed = 20261122;
                    o.UsageCacheDuration = TimeSpan.Zero;
                    o.PackageHistoryInterval = TimeSpan.Zero;
                    simulator?.Invoke(o);
                });
            },
            app => app.MapPressOneSimulator(Prefix));
        return new PressOneSandbox(host, client, time);
    }

    /// <summary>Another client and provider (their own token cache) with other options, for the call under test only.</summary>
    public PressOneProvider ProviderWith(Action<PressOneOptions> client) => ClientServices(client).GetRequiredService<PressOneProvider>();

    private ServiceProvider ClientServices(Action<PressOneOptions>? client) => ClientServices(new Dictionary<string, string?>
        {
            ["PressOne:BaseUrl"] = ApiBase.ToString(),
            ["PressOne:ClientId"] = PressOneSimulatorOptions.DefaultClientId,
            ["PressOne:ClientSecret"] = PressOneSimulatorOptions.DefaultClientSecret,
            ["PressOne:Timeout"] = "00:00:10",
            ["PressOne:MaxRetryDelay"] = "00:00:00.2",
        },
        (services, configuration) => services.AddPressOneProvider(configuration), client, _time);

    public async Task<int> TokensIssuedAsync() => (int)(await SimGetAsync("state"))["tokens_issued"]!;

    public async Task<int> OrderCountAsync() => (await SimGetAsync("state"))["orders"]!.AsArray().Count;

    public Task<JsonNode> ConsumeAsync(string iccid, long mb) => SimAsync($"sims/{iccid}/usage", new { mb });

    public Task<JsonNode> InstallAsync(string iccid) => SimAsync($"sims/{iccid}/install");

    public Task<JsonNode> RecycleAsync(string iccid) => SimAsync($"sims/{iccid}/recycle");

    public Task<UpstreamEsim> BuyAsync(string packageId = JapanPackage, string reference = "ORD-1") =>
        Provider.CreateEsimAsync(new ProvisionRequest(reference, "Ken - Japan", packageId), CancellationToken.None);

    /// <summary>An eSIM that the traveller has installed, so it is active and takes top-ups.</summary>
    public async Task<UpstreamEsim> BuyActiveAsync(string packageId = JapanPackage, string reference = "ORD-1")
    {
        var esim = await BuyAsync(packageId, reference);
        await InstallAsync(esim.Iccid);
        return esim;
    }
}

/// <summary>A clock the test moves by hand, shared by the simulator and the client.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
