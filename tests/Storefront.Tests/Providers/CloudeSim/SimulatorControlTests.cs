using System.Diagnostics;
using System.Net;
using Storefront.Providers.CloudeSim;

namespace Storefront.Tests.Providers.CloudeSim;

public class SimulatorControlTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task State_shows_orders_and_esims_without_their_activation_codes()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync();
        await sandbox.SimAsync($"esim/{esim.Iccid}/install");

        var state = await sandbox.SimGetAsync("state");

        var order = state["orders"]!.AsArray().Single()!;
        Assert.Equal(("BASE", "ESIM_1GB_7D_US", 3.50m), ((string?)order["type"], (string?)order["packageCode"], (decimal)order["amount"]!));
        var listed = state["esims"]!.AsArray().Single()!;
        Assert.Equal((esim.Iccid, true, "NEW"), ((string?)listed["iccid"], (bool)listed["installed"]!, (string?)listed["status"]));
        Assert.Null(listed["ac"]);
        Assert.Equal(496.50m, (decimal)state["account"]!["balance"]!);
    }

    [Fact]
    public async Task Balance_can_be_set_and_reset_brings_back_the_start()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        await sandbox.OrderAsync();
        await sandbox.AdvanceAsync(TimeSpan.FromDays(3));

        await sandbox.SimAsync("account/balance", new { balance = 12.34m });
        var set = await sandbox.BalanceAsync();
        await sandbox.SimAsync("reset");

        Assert.Equal(12.34m, set);
        Assert.Equal(500m, await sandbox.BalanceAsync());
        Assert.Equal(0, await sandbox.OrderCountAsync());
        Assert.Equal(0d, (double)(await sandbox.SimGetAsync("clock"))["offsetSeconds"]!);
    }

    [Fact]
    public async Task Settings_change_the_answers_at_run_time()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();

        var settings = await sandbox.SettingsAsync(new { statusNaming = "esimaccess", shortActivationCodes = true, errorStatus = "always_200" });
        var order = await sandbox.Client.OrderAsync("ESIM_1GB_7D_US", 1, null, None);
        var queried = (await sandbox.Client.QueryAsync(order.EsimList![0].Iccid, null, None)).Single();
        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Client.QueryAsync("1", null, None));

        Assert.Equal(("esimaccess", true), ((string?)settings["statusNaming"], (bool)settings["shortActivationCodes"]!));
        Assert.DoesNotContain("$", order.EsimList[0].Ac);
        Assert.Equal("GOT_RESOURCE", queried.Status);
        Assert.Equal(200, error.HttpStatus);
    }

    [Fact]
    public async Task A_bad_setting_is_refused()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();

        using var response = await sandbox.Control.PostAsync("settings",
            new StringContent("""{"remainingVolumeUnit":"GB"}""", null, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("remainingVolumeUnit", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_lost_response_fault_applies_to_the_next_n_calls_of_its_path_only()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        await sandbox.FaultAsync("esim/order", "lost_response", count: 2);

        await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Client.OrderAsync("ESIM_1GB_7D_US", 1, null, None));
        var balanceMeanwhile = await sandbox.BalanceAsync();
        await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Client.OrderAsync("ESIM_1GB_7D_US", 1, null, None));
        var third = await sandbox.Client.OrderAsync("ESIM_1GB_7D_US", 1, null, None);

        Assert.Equal(496.50m, balanceMeanwhile);
        Assert.Single(third.EsimList!);
        Assert.Equal(3, await sandbox.OrderCountAsync());
        Assert.Empty((await sandbox.SimGetAsync("faults")).AsArray());
    }

    [Fact]
    public async Task A_latency_fault_delays_calls_to_its_path()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        await sandbox.SimAsync("faults", new { path = "account/balance", kind = "latency", latencyMs = 400, count = 1 });
        var clock = Stopwatch.StartNew();

        await sandbox.BalanceAsync();

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(380), $"answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task Qr_codes_of_unknown_esims_are_not_found()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();

        using var response = await sandbox.Control.GetAsync("qr/89852400000000000000.png");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Usage_on_an_unknown_esim_is_refused_with_not_found()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();

        using var response = await sandbox.Control.PostAsync("esim/89852400000000000000/usage",
            new StringContent("""{"mb":1}""", null, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
