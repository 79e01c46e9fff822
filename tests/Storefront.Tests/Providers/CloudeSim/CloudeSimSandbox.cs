using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Providers;
using Storefront.Providers.CloudeSim;
using Storefront.Sandbox.CloudeSim;
using Storefront.Tests.Support;

namespace Storefront.Tests.Providers.CloudeSim;

/// <summary>The CloudeSIM simulator on its own loopback port, and the real client and provider pointed at it.</summary>
internal sealed class CloudeSimSandbox : SimulatorSandbox
{
    public const string Prefix = "/sandbox/cloudesim";

    private readonly ServiceProvider _clientServices;

    private CloudeSimSandbox(LoopbackHost host, Action<CloudeSimOptions>? client) : base(host, Prefix) => _clientServices = ClientServices(client);

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
        return new CloudeSimSandbox(host, client);
    }

    /// <summary>
    /// Another client and provider with their own options and their own call journal: what a restarted process (or
    /// another instance of the store) has.
    /// </summary>
    public CloudeSimProvider ProviderWith(Action<CloudeSimOptions>? client = null) => ClientServices(client).GetRequiredService<CloudeSimProvider>();

    private ServiceProvider ClientServices(Action<CloudeSimOptions>? client) => ClientServices(new Dictionary<string, string?>
        {
            ["CloudeSim:BaseUrl"] = ApiBase.ToString(),
            ["CloudeSim:ApiToken"] = CloudeSimSimulatorOptions.DefaultApiToken,
            ["CloudeSim:Timeout"] = "00:00:10",
            ["CloudeSim:MaxRetryDelay"] = "00:00:00.2",
            ["CloudeSim:AllocationPollInterval"] = "00:00:00.1",
            ["CloudeSim:AllocationTimeout"] = "00:00:05",
        },
        (services, configuration) => services.AddCloudeSimProvider(configuration), client);

    public Task<JsonNode> UseAsync(string iccid, decimal mb) => SimAsync($"esim/{iccid}/usage", new { mb });

    /// <summary>Orders the simulator has taken, by type (BASE or TOPUP).</summary>
    public async Task<int> OrderCountAsync(string type = CloudeSimPackageTypes.Base) =>
        (await SimGetAsync("state"))["orders"]!.AsArray().Count(o => (string?)o!["type"] == type);

    public async Task<decimal> BalanceAsync() => (await Client.GetBalanceAsync(CancellationToken.None)).Balance;

    public Task<UpstreamEsim> OrderAsync(string packageCode = "ESIM_1GB_7D_US", string reference = "ORD-1") =>
        Provider.CreateEsimAsync(new ProvisionRequest(reference, "Maria G. - USA", packageCode), CancellationToken.None);

    /// <summary>Decodes a QR PNG with zbarimg (installed by scripts/test.sh).</summary>
    public static async Task<string> ScanQrAsync(byte[] png)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cloudesim-qr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, png);
        try { return await Zbar.DecodeAsync(file); }
        finally { File.Delete(file); }
    }
}
