using System.Net;
using Storefront.Providers.Esimfly;

namespace Storefront.Tests.Providers.Esimfly;

public class SimulatorControlTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Reset_brings_back_the_starting_balance_and_forgets_orders()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        await sandbox.BuyAsync();

        await sandbox.SimAsync("reset");

        Assert.Equal(500m, await sandbox.BalanceAsync());
        Assert.Equal(0, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task The_balance_can_be_set()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        await sandbox.SimAsync("account/balance", new { balance_usd = 3.5m });

        Assert.Equal(3.5m, (await sandbox.Client.GetBalanceAsync(None)).Balance);
    }

    [Fact]
    public async Task Settings_change_at_run_time_and_bad_values_are_refused()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var settings = await sandbox.SimAsync("settings", new { rate_limit_per_hour = 7, top_up_expiry = "reset" });
        using var bad = await sandbox.Control.PostAsync("settings", new StringContent("""{"top_up_expiry":"sometimes"}""", null, "application/json"));

        Assert.Equal((7, "reset"), ((int)settings["rate_limit_per_hour"]!, (string?)settings["top_up_expiry"]));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Faults_are_listed_used_up_and_cleared()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        await sandbox.FaultAsync("esims", "error", count: 1, status: 500);
        await sandbox.FaultAsync("balance", "latency");

        var listed = System.Text.Json.Nodes.JsonNode.Parse(await sandbox.Control.GetStringAsync("faults"))!.AsArray();
        var failed = await sandbox.RawAsync(HttpMethod.Get, "esims");
        var passed = await sandbox.RawAsync(HttpMethod.Get, "esims");
        using var cleared = await sandbox.Control.DeleteAsync("faults");

        Assert.Equal(2, listed.Count);
        Assert.Equal((500, 200), (failed.Status, passed.Status));
        Assert.Empty(System.Text.Json.Nodes.JsonNode.Parse(await sandbox.Control.GetStringAsync("faults"))!.AsArray());
    }

    [Fact]
    public async Task A_pending_order_can_be_completed_at_once()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var result = await sandbox.Client.OrderAsync("RB85_4D", 1, None);

        await sandbox.SimAsync($"orders/{result.OrderReference}/complete");

        var order = await sandbox.Client.GetOrderAsync(result.OrderReference, None);
        Assert.Equal((EsimflyOrderStatus.Completed, false), (order.Status, order.Esim!.IsPending));
    }

    [Fact]
    public async Task The_clock_moves_forward_only()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var moved = await sandbox.AdvanceAsync(TimeSpan.FromHours(2));
        using var backwards = await sandbox.Control.PostAsync("clock/advance", new StringContent("""{"seconds":-5}""", null, "application/json"));

        Assert.Equal(7200d, (double)moved["offset_seconds"]!);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
    }
}
