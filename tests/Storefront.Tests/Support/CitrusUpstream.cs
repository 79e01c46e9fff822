using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Providers.Citrus;

namespace Storefront.Tests.Support;

/// <summary>Looks at the sandbox Citrus simulator over its own HTTP API, as the reseller's dashboard would.</summary>
public sealed class CitrusUpstream(StoreFactory store)
{
    public const decimal StartingBalance = 500m;
    public const decimal ProvisionFee = 1.75m;

    private CitrusClient Client => store.Services.GetRequiredService<CitrusClient>();

    public async Task<IReadOnlyList<CitrusEsim>> EsimsForAsync(string reference)
    {
        var all = new List<CitrusEsim>();
        await foreach (var esim in Client.ListAllEsimsAsync(null, CancellationToken.None))
            if (esim.EndUserReference == reference) all.Add(esim);
        return all;
    }

    public async Task<decimal> ResellerBalanceAsync() => (await Client.GetWalletBalanceAsync(CancellationToken.None)).BalanceUsd;

    /// <summary>Adds a fault rule to the simulator, e.g. ("esim/*/fund", "error", status 503) or ("esim/provision", "lost_response").</summary>
    public async Task AddFaultAsync(string path, string kind, int count = 1, int? status = null, string method = "POST")
    {
        using var http = store.CreateBrowserClient();
        var rule = new Dictionary<string, object> { ["path"] = path, ["method"] = method, ["kind"] = kind, ["count"] = count };
        if (status is not null) rule["status"] = status;
        var response = await http.PostAsJsonAsync("/sandbox/citrus/__sim/faults", rule);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Changes the simulator's rate limit (requests per minute, counted over the last minute).</summary>
    public async Task SetRateLimitAsync(int perMinute)
    {
        using var http = store.CreateBrowserClient();
        var response = await http.PostAsJsonAsync("/sandbox/citrus/__sim/settings", new Dictionary<string, object> { ["rate_limit_per_minute"] = perMinute });
        response.EnsureSuccessStatusCode();
    }
}
