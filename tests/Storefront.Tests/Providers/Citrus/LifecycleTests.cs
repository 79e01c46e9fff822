using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.Citrus;

namespace Storefront.Tests.Providers.Citrus;

public class LifecycleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Throttle_stores_the_speed_and_no_limit_lifts_it()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var esim = await sandbox.ProvisionFundedAsync(50m);

        await sandbox.Provider.ThrottleAsync(esim.Iccid, 512, None);
        Assert.Equal("SPEED_1000_KBPS", (await sandbox.Client.GetEsimAsync(esim.Iccid, None)).Speed);
        await sandbox.Provider.ThrottleAsync(esim.Iccid, 500, None);
        Assert.Equal("SPEED_500_KBPS", (await sandbox.Client.GetEsimAsync(esim.Iccid, None)).Speed);

        var lifted = await sandbox.Client.ThrottleAsync(esim.Iccid, CitrusSpeed.NoLimit, None);
        Assert.Equal("NO_LIMIT", lifted.Speed);
    }

    [Fact]
    public async Task Disable_suspends_and_enable_resumes_an_active_esim()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var esim = await sandbox.ProvisionFundedAsync(10m);
        await sandbox.SimAsync($"esim/{esim.Iccid}/activate");

        await sandbox.Provider.SuspendAsync(esim.Iccid, None);
        var suspended = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);
        await sandbox.Provider.SuspendAsync(esim.Iccid, None);
        await sandbox.Provider.ResumeAsync(esim.Iccid, None);
        var resumed = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(EsimState.Suspended, suspended.State);
        Assert.Equal(EsimState.Active, resumed.State);
        Assert.NotNull(resumed.ActivatedAt);
    }

    [Fact]
    public async Task Terminate_is_final_and_a_later_fund_fails_with_esim_already_terminated()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var esim = await sandbox.ProvisionFundedAsync(10m);

        var refunded = await sandbox.Provider.TerminateAsync(esim.Iccid, None);
        var terminated = await sandbox.Client.GetEsimAsync(esim.Iccid, None);
        var error = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Client.FundAsync(esim.Iccid, 5m, None));
        var again = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Client.TerminateAsync(esim.Iccid, None));

        Assert.Null(refunded);
        Assert.Equal(CitrusEsimStatus.Terminated, terminated.Status);
        Assert.Equal(0m, terminated.WalletBalanceUsd);
        Assert.Equal(CitrusErrorCodes.EsimAlreadyTerminated, error.Code);
        Assert.Equal(400, error.HttpStatus);
        Assert.False(error.Retryable);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(CitrusErrorCodes.EsimAlreadyTerminated, again.Code);
        Assert.Equal(EsimState.Terminated, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).State);
    }

    [Fact]
    public async Task Usage_drains_the_wallet_to_zero_and_the_reading_says_depleted()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var esim = await sandbox.ProvisionFundedAsync(9m);

        await sandbox.SimAsync($"esim/{esim.Iccid}/usage", new { bytes = 2_000_000_000L, country_iso2 = "JP", @operator = "KDDI Corporation" });
        var afterTwoGb = await sandbox.Client.GetEsimAsync(esim.Iccid, None);
        await sandbox.UseAsync(esim.Iccid, 100m);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(CitrusEsimStatus.Active, afterTwoGb.Status);
        Assert.Equal(9m - 2 * 1.38m, afterTwoGb.WalletBalanceUsd);
        Assert.Equal(2.76m, afterTwoGb.TotalDataChargedUsd);
        Assert.Equal(EsimState.Depleted, reading.State);
        Assert.Equal(0m, reading.WalletBalanceUsd);
    }

    [Fact]
    public async Task Depletion_can_be_configured_to_suspend_and_a_fund_restores_the_esim()
    {
        await using var sandbox = await CitrusSandbox.StartAsync(o => o.DepletionStatus = "suspended");
        var esim = await sandbox.ProvisionFundedAsync(9m);

        await sandbox.UseAsync(esim.Iccid, 9m);
        var depleted = await sandbox.Client.GetEsimAsync(esim.Iccid, None);
        await sandbox.Client.FundAsync(esim.Iccid, 9m, None);
        var refunded = await sandbox.Client.GetEsimAsync(esim.Iccid, None);

        Assert.Equal(CitrusEsimStatus.Suspended, depleted.Status);
        Assert.Equal(CitrusEsimStatus.Active, refunded.Status);
        Assert.Equal(9m, refunded.WalletBalanceUsd);
    }

    [Fact]
    public async Task Defund_returns_the_displayed_wallet_to_the_account_after_it_settles()
    {
        await using var sandbox = await CitrusSandbox.StartAsync(o => o.StartingBalanceUsd = 100m);
        var esim = await sandbox.ProvisionFundedAsync(20m);

        var defund = await sandbox.Client.DefundAsync(esim.Iccid, None);
        var second = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Client.DefundAsync(esim.Iccid, None));
        var fund = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Client.FundAsync(esim.Iccid, 5m, None));
        await sandbox.AdvanceAsync(TimeSpan.FromMinutes(15));
        var settled = await sandbox.Client.GetEsimAsync(esim.Iccid, None);

        Assert.Equal(19.99m, defund.EstimatedReturnUsd);
        Assert.Equal(15, defund.SettlesInMinutes);
        Assert.Equal((409, CitrusErrorCodes.DefundAlreadyPending), (second.HttpStatus, second.Code));
        Assert.Equal(CitrusErrorCodes.DefundAlreadyPending, fund.Code);
        Assert.Equal(0m, settled.WalletBalanceUsd);
        Assert.Equal(CitrusEsimStatus.Suspended, settled.Status);
        Assert.Equal(100m - 1.75m - 20m + 19.99m, (await sandbox.Client.GetWalletBalanceAsync(None)).BalanceUsd);
    }

    [Fact]
    public async Task Defund_of_an_empty_wallet_fails_with_no_balance_to_return()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var esim = await sandbox.Client.ProvisionAsync("order-1", null, None);

        var error = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Client.DefundAsync(esim.Iccid, None));

        Assert.Equal((400, CitrusErrorCodes.NoBalanceToReturn), (error.HttpStatus, error.Code));
    }
}
