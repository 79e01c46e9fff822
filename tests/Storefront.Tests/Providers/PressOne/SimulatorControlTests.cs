using System.Net;
using System.Net.Http.Json;
using Storefront.Providers.PressOne;
using Storefront.Sandbox.PressOne;

namespace Storefront.Tests.Providers.PressOne;

public class SimulatorControlTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Reset_forgets_orders_esims_and_tokens_and_restores_the_starting_balance()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyAsync();

        await sandbox.SimAsync("reset");

        Assert.Equal(500m, await sandbox.Provider.GetResellerBalanceAsync(None));
        Assert.Empty((await sandbox.Client.ListOrdersAsync(null, false, null, null, None)).Data);
        await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Client.GetEsimAsync(esim.Iccid, false, None));
        Assert.Equal(1, await sandbox.TokensIssuedAsync());
    }

    [Fact]
    public async Task State_shows_every_bucket_with_its_remaining_data()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyAsync(reference: "ORD-5");
        await sandbox.ConsumeAsync(esim.Iccid, 500);

        var state = await sandbox.SimGetAsync("state");

        var sim = state["sims"]![0]!;
        Assert.Equal((esim.Iccid, "ACTIVE"), ((string?)sim["iccid"], (string?)sim["status"]));
        Assert.Equal(2572, (long)sim["buckets"]![0]!["remaining_mb"]!);
        Assert.Equal("ORD-5", (string?)state["orders"]![0]!["description"]);
        Assert.Equal(492m, (decimal)state["balance"]!);
    }

    [Fact]
    public async Task Settings_change_at_run_time_and_faults_can_be_listed_and_cleared()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var settings = await sandbox.SimAsync("settings", new { usage_cache_seconds = 60, insufficient_credit_reason = "Not enough credit", top_up_limit_per_esim = 2 });
        await sandbox.FaultAsync("customer/v2/orders", "latency");
        var faults = await sandbox.SimGetAsync("faults");
        using var cleared = await sandbox.Control.DeleteAsync("faults");

        Assert.Equal((60d, "Not enough credit", 2), ((double)settings["usage_cache_seconds"]!, (string?)settings["insufficient_credit_reason"], (int)settings["top_up_limit_per_esim"]!));
        Assert.Equal("customer/v2/orders", (string?)faults[0]!["path"]);
        Assert.Empty((await sandbox.SimGetAsync("faults")).AsArray());
    }

    [Fact]
    public async Task Unknown_fault_kind_is_refused()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        using var response = await sandbox.Control.PostAsJsonAsync("faults", new { path = "*", kind = "explode" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Added_latency_delays_the_answer()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        await sandbox.Provider.GetResellerBalanceAsync(None);
        await sandbox.SimAsync("faults", new { path = "customer/v2/balance", kind = "latency", latency_ms = 400, count = 1 });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await sandbox.Provider.GetResellerBalanceAsync(None);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(380), $"answered in {clock.Elapsed}");
    }

    [Fact]
    public async Task Issued_iccids_have_a_valid_luhn_check_digit()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var esim = await sandbox.BuyAsync();

        Assert.Equal(esim.Iccid[^1] - '0', PressOneSimulatorState.LuhnCheckDigit(esim.Iccid[..^1]));
        Assert.Equal(3, PressOneSimulatorState.LuhnCheckDigit("7992739871"));
    }

    [Fact]
    public async Task Wrong_grant_type_is_a_validation_error()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.ApiBase };

        using var response = await http.PostAsync("customer/v2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = PressOneSimulatorOptions.DefaultClientId,
            ["client_secret"] = PressOneSimulatorOptions.DefaultClientSecret,
            ["grant_type"] = "password",
        }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("grant type", await response.Content.ReadAsStringAsync());
    }
}
