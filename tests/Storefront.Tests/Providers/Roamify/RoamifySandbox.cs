using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Providers;
using Storefront.Providers.Roamify;
using Storefront.Sandbox.Roamify;
using Storefront.Tests.Support;

namespace Storefront.Tests.Providers.Roamify;

/// <summary>The Roamify simulator on its own loopback port, and the real client and provider pointed at it.</summary>
internal sealed class RoamifySandbox : SimulatorSandbox
{
    public const string Prefix = "/sandbox/roamify";
    public static readonly TimeSpan FastRetry = TimeSpan.FromMilliseconds(200);

    private readonly ServiceProvider _clientServices;

    private RoamifySandbox(LoopbackHost host, Action<RoamifyOptions>? client) : base(host, Prefix) => _clientServices = ClientServices(client);

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
        return new RoamifySandbox(host, client);
    }

    /// <summary>Another client and provider with other options (e.g. a short timeout), for the call under test only.</summary>
    public RoamifyProvider ProviderWith(Action<RoamifyOptions> client) => ClientServices(client).GetRequiredService<RoamifyProvider>();

    public RoamifyClient ClientWith(Action<RoamifyOptions> client) => ClientServices(client).GetRequiredService<RoamifyClient>();

    private ServiceProvider ClientServices(Action<RoamifyOptions>? client) => ClientServices(new Dictionary<string, string?>
        {
            ["Roamify:BaseUrl"] = ApiBase.ToString(),
            ["Roamify:AccessToken"] = RoamifySimulatorOptions.DefaultAccessToken,
            ["Roamify:Timeout"] = "00:00:10",
            ["Roamify:ApplyTimeout"] = "00:00:10",
            ["Roamify:ApplyWaitLimit"] = "00:00:10",
            ["Roamify:ApplyPollInterval"] = "00:00:00.1",
            ["Roamify:MaxRetryDelay"] = "00:00:00.2",
            ["Roamify:WebhookSecret"] = RoamifySimulatorOptions.DefaultWebhookSecret,
        },
        (services, configuration) => services.AddRoamifyProvider(configuration), client);

    public Task<JsonNode> UseAsync(string iccid, decimal mb) => SimAsync($"esims/{iccid}/usage", new { mb });

    public Task<JsonNode> ActivateAsync(string iccid) => SimAsync($"esims/{iccid}/activate");

    public async Task<JsonArray> OrdersAsync() => (await SimGetAsync("state"))["orders"]!.AsArray();

    public async Task<JsonNode> EsimStateAsync(string iccid) =>
        (await SimGetAsync("state"))["esims"]!.AsArray().Single(e => (string?)e!["iccid"] == iccid)!;

    public async Task<decimal> BalanceAsync() => (await Client.GetBalanceAsync(CancellationToken.None)).Balance;

    public Task<UpstreamEsim> BuyAsync(string packageId, string reference = "ORD-1", DateOnly? travelStart = null) =>
        Provider.CreateEsimAsync(new ProvisionRequest(reference, "Maria G. - trip", packageId, travelStart), CancellationToken.None);
}

/// <summary>A Roamify webhook receiver: deliveries read as events when the provider accepts their signature.</summary>
internal sealed class RoamifyWebhookReceiver()
    : RecordingWebhookReceiver("webhooks/roamify", RoamifyWebhook.SignatureHeader, Results.Json(new { code = 200, status = "success" }))
{
    public static async Task<RoamifyWebhookReceiver> StartAsync()
    {
        var receiver = new RoamifyWebhookReceiver();
        await receiver.ListenAsync();
        return receiver;
    }

    public IReadOnlyList<ProviderWebhookEvent> Events(RoamifyProvider provider) => Received
        .Select(r => provider.ParseWebhook(new Dictionary<string, string> { [RoamifyWebhook.SignatureHeader] = r.Signature ?? "" }, r.Body, null))
        .OfType<ProviderWebhookEvent>()
        .ToList();

    public Task<IReadOnlyList<ProviderWebhookEvent>> WaitForAsync(RoamifyProvider provider, Func<IReadOnlyList<ProviderWebhookEvent>, bool> done) =>
        WaitForAsync(() => Events(provider), done);
}
