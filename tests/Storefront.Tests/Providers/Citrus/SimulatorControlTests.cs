using Storefront.Providers.Citrus;

namespace Storefront.Tests.Providers.Citrus;

public class SimulatorControlTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Reset_forgets_esims_and_restores_the_starting_balance()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        await sandbox.ProvisionFundedAsync(20m);

        await sandbox.SimAsync("reset");

        Assert.Equal(0, (await sandbox.Client.ListEsimsAsync(null, null, null, None)).Total);
        Assert.Equal(500m, (await sandbox.Client.GetWalletBalanceAsync(None)).BalanceUsd);
    }

    [Fact]
    public async Task Inventory_can_be_emptied_at_run_time()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();

        await sandbox.SimAsync("settings", new { inventory = 0 });
        var error = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Client.ProvisionAsync("order-1", null, None));

        Assert.Equal(CitrusErrorCodes.NoEsimsAvailable, error.Code);
    }

    [Fact]
    public async Task Auto_refill_tops_up_after_a_provision_but_never_after_a_fund()
    {
        await using var sandbox = await CitrusSandbox.StartAsync(o =>
        {
            o.StartingBalanceUsd = 11m;
            o.AutoRefillEnabled = true;
            o.AutoRefillThresholdUsd = 10m;
            o.AutoRefillAmountUsd = 50m;
        });

        var esim = await sandbox.Client.ProvisionAsync("order-1", null, None);
        var afterProvision = (await sandbox.Client.GetWalletBalanceAsync(None)).BalanceUsd;
        await sandbox.Client.FundAsync(esim.Iccid, 55m, None);
        var afterFund = (await sandbox.Client.GetWalletBalanceAsync(None)).BalanceUsd;

        Assert.Equal(11m - 1.75m + 50m, afterProvision);
        Assert.Equal(afterProvision - 55m, afterFund);
    }

    [Fact]
    public async Task Usage_in_bytes_is_charged_at_the_cheapest_network_when_no_operator_is_given()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var esim = await sandbox.ProvisionFundedAsync(9m);

        var usage = await sandbox.SimAsync($"esim/{esim.Iccid}/usage", new { bytes = 500_000_000L, country_iso2 = "GB" });

        Assert.Equal(0.49m, (decimal)usage["charged_usd"]!); // half a GB on Three UK at 0.98/GB
        Assert.Equal(8.51m, (await sandbox.Client.GetEsimAsync(esim.Iccid, None)).WalletBalanceUsd);
    }

    [Fact]
    public async Task Usage_on_a_suspended_esim_is_not_charged()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var esim = await sandbox.ProvisionFundedAsync(9m);
        await sandbox.SimAsync($"esim/{esim.Iccid}/activate");
        await sandbox.Client.DisableAsync(esim.Iccid, None);

        var usage = await sandbox.UseAsync(esim.Iccid, 5m);

        Assert.Equal("suspended", (string?)usage["ignored"]);
        Assert.Equal(9m, (await sandbox.Client.GetEsimAsync(esim.Iccid, None)).WalletBalanceUsd);
    }
}
