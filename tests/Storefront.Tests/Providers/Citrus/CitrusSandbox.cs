using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Providers.Citrus;
using Storefront.Sandbox.Citrus;
using Storefront.Tests.Support;

namespace Storefront.Tests.Providers.Citrus;

/// <summary>The Citrus simulator on its own loopback port, and the real client and provider pointed at it.</summary>
internal sealed class CitrusSandbox : SimulatorSandbox
{
    public const string Prefix = "/sandbox/citrus";
    public static readonly TimeSpan FastRetry = TimeSpan.FromMilliseconds(200);

    private readonly ServiceProvider _clientServices;

    private CitrusSandbox(LoopbackHost host, Action<CitrusOptions>? client) : base(host, Prefix) => _clientServices = ClientServices(client);

    public CitrusClient Client => _clientServices.GetRequiredService<CitrusClient>();
    public CitrusProvider Provider => _clientServices.GetRequiredService<CitrusProvider>();
    public CitrusSimulatorState State => SimulatorServices.GetRequiredService<CitrusSimulatorState>();

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
        return new CitrusSandbox(host, client);
    }

    /// <summary>Another client and provider with other options (e.g. a short timeout), for the call under test only.</summary>
    public CitrusProvider ProviderWith(Action<CitrusOptions> client) => ClientServices(client).GetRequiredService<CitrusProvider>();

    private ServiceProvider ClientServices(Action<CitrusOptions>? client) => ClientServices(new Dictionary<string, string?>
        {
            ["Citrus:BaseUrl"] = ApiBase.ToString(),
            ["Citrus:ApiKey"] = CitrusSimulatorOptions.DefaultApiKey,
            ["Citrus:Timeout"] = "00:00:10",
            ["Citrus:MaxRetryDelay"] = "00:00:00.2",
        },
        (services, configuration) => services.AddCitrusProvider(configuration), client);

    /// <summary>
    /// Waits until every fault rule with a count has been taken by a call: a store's call that should hang is then in
    /// flight upstream (its step committed in the database is not enough: the call may still wait for its slot).
    /// </summary>
    public async Task WaitUntilFaultsAreTakenAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await SimGetAsync("faults")).AsArray().Count > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The store never made the call the fault was waiting for.");
            await Task.Delay(50);
        }
    }

    public Task<JsonNode> UseAsync(string iccid, decimal usd) => SimAsync($"esim/{iccid}/usage", new { usd });

    public async Task<CitrusProvisionedEsim> ProvisionFundedAsync(decimal amount, string reference = "order-1")
    {
        var esim = await Client.ProvisionAsync(reference, "Maria G. - Japan", CancellationToken.None);
        await Client.FundAsync(esim.Iccid, amount, CancellationToken.None);
        return esim;
    }
}

/// <summary>A Citrus webhook receiver: deliveries read as events when their signature holds for the secret.</summary>
internal sealed class WebhookReceiver() : RecordingWebhookReceiver("hooks/citrus", CitrusWebhook.SignatureHeader, Results.Ok())
{
    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.ListenAsync();
        return receiver;
    }

    public IReadOnlyList<CitrusWebhookEvent> Events(string secret) => Received
        .Where(r => CitrusWebhook.IsSignatureValid(r.Signature, r.Body, secret))
        .Select(r => CitrusWebhook.Parse(r.Body))
        .ToList();

    public Task<IReadOnlyList<CitrusWebhookEvent>> WaitForAsync(string secret, Func<IReadOnlyList<CitrusWebhookEvent>, bool> done) =>
        WaitForAsync(() => Events(secret), done);
}
