using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Providers;
using Storefront.Providers.Esimfly;
using Storefront.Sandbox.Esimfly;
using Storefront.Tests.Support;

namespace Storefront.Tests.Providers.Esimfly;

/// <summary>
/// The eSIMfly simulator on its own loopback port, and the real client and provider pointed at it. Each
/// <see cref="Process"/> is a separate service provider: its own rate limiter and purchase journal, as another process
/// of the store would have.
/// </summary>
internal sealed class EsimflySandbox : SimulatorSandbox
{
    public const string Prefix = "/sandbox/esimfly";

    private EsimflySandbox(LoopbackHost host, Action<EsimflyOptions>? client, TimeProvider? clientTime) : base(host, Prefix) =>
        Main = Process(client, clientTime);

    public ServiceProvider Main { get; }
    public EsimflyClient Client => Main.GetRequiredService<EsimflyClient>();
    public EsimflyProvider Provider => Main.GetRequiredService<EsimflyProvider>();
    public EsimflyRateLimiter Limiter => Main.GetRequiredService<EsimflyRateLimiter>();

    public static async Task<EsimflySandbox> StartAsync(Action<EsimflySimulatorOptions>? simulator = null, Action<EsimflyOptions>? client = null,
        TimeProvider? clientTime = null)
    {
        var host = await LoopbackHost.StartAsync(
            services => services.AddEsimflySimulator(o =>
            {
                o.Seed = 20261122;
                simulator?.Invoke(o);
            }),
            app => app.MapEsimflySimulator(Prefix));
        return new EsimflySandbox(host, client, clientTime);
    }

    /// <summary>Another store process (own limiter and journal), optionally with other options or another clock.</summary>
    public ServiceProvider Process(Action<EsimflyOptions>? client = null, TimeProvider? clientTime = null) => ClientServices(new Dictionary<string, string?>
        {
            ["Esimfly:BaseUrl"] = ApiBase.ToString(),
            ["Esimfly:AccessCode"] = EsimflySimulatorOptions.DefaultAccessCode,
            ["Esimfly:SecretKey"] = EsimflySimulatorOptions.DefaultSecretKey,
            ["Esimfly:Timeout"] = "00:00:10",
            ["Esimfly:MaxRetryDelay"] = "00:00:00.2",
            ["Esimfly:OrderPollInterval"] = "00:00:00.1",
            ["Esimfly:OrderPollTimeout"] = "00:00:05",
            ["Esimfly:LookupSettleTime"] = "00:00:00.5",
        },
        (services, configuration) => services.AddEsimflyProvider(configuration), client, clientTime);

    public EsimflyProvider ProviderWith(Action<EsimflyOptions> client) => Process(client).GetRequiredService<EsimflyProvider>();

    public Task<JsonNode> StateAsync() => SimGetAsync("state");

    public Task<JsonNode> UseAsync(string iccid, long mb) => SimAsync($"esims/{iccid}/usage", new { mb });

    public Task<JsonNode> ActivateAsync(string iccid) => SimAsync($"esims/{iccid}/activate");

    public async Task<int> OrderCountAsync(string kind = "esim") =>
        (await StateAsync())["orders"]!.AsArray().Count(o => (string?)o!["kind"] == kind);

    public async Task<decimal> BalanceAsync() => (decimal)(await StateAsync())["balance"]!;

    /// <summary>An eSIM of <paramref name="packageCode"/> bought through the provider.</summary>
    public Task<UpstreamEsim> BuyAsync(string packageCode = "PHAJHEAYP", string reference = "ORD-1") =>
        Provider.CreateEsimAsync(new ProvisionRequest(reference, "Ana - United States", packageCode), CancellationToken.None);

    /// <summary>A hand-made request, signed (or not) as the test says, for what the client never sends.</summary>
    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> RawAsync(HttpMethod method, string path, string? body = null,
        string? requestId = null, string? timestamp = null, string? signature = null, string accessCode = EsimflySimulatorOptions.DefaultAccessCode,
        bool sign = true)
    {
        using var http = new HttpClient { BaseAddress = ApiBase };
        using var request = new HttpRequestMessage(method, path);
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (sign)
        {
            requestId ??= Guid.NewGuid().ToString();
            timestamp ??= EsimflySignature.Timestamp(DateTimeOffset.UtcNow);
            signature ??= EsimflySignature.Compute(EsimflySimulatorOptions.DefaultSecretKey, timestamp, requestId, accessCode, bytes);
            request.Headers.Add(EsimflySignature.AccessCodeHeader, accessCode);
            request.Headers.Add(EsimflySignature.RequestIdHeader, requestId);
            request.Headers.Add(EsimflySignature.TimestampHeader, timestamp);
            request.Headers.Add(EsimflySignature.SignatureHeader, signature);
        }
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null, response);
    }
}

/// <summary>A clock off by a fixed amount, for a client whose time is wrong.</summary>
internal sealed class SkewedTime(TimeSpan skew) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + skew;
}
