using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.PressOne;

namespace Storefront.Tests.Providers.PressOne;

/// <summary>
/// Reading an eSIM through its life: not installed, active, used up, expired, recycled
/// (docs/providers/pressone.md §3.4, §3.5).
/// </summary>
public class UsageTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task New_esim_reads_not_installed_with_all_its_data_and_no_expiry_yet()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyAsync();

        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal((EsimState.NotInstalled, 3072L, 3072L), (reading.State, reading.DataRemainingMb, reading.DataTotalMb));
        Assert.Null(reading.ExpiresAt);
        Assert.Null(reading.WalletBalanceUsd);
        Assert.Equal(esim.Iccid, reading.Iccid);
    }

    [Fact]
    public async Task Installed_esim_is_active_and_its_validity_runs_from_activation()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyAsync();
        await sandbox.AdvanceAsync(TimeSpan.FromDays(3));

        await sandbox.InstallAsync(esim.Iccid);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(EsimState.Active, reading.State);
        var expected = sandbox.State.Now + TimeSpan.FromDays(15);
        Assert.InRange(reading.ExpiresAt!.Value, expected - TimeSpan.FromSeconds(5), expected + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Data_use_lowers_the_remaining_megabytes()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyAsync();

        await sandbox.ConsumeAsync(esim.Iccid, 1000);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal((EsimState.Active, 2072L, 3072L), (reading.State, reading.DataRemainingMb, reading.DataTotalMb));
    }

    [Fact]
    public async Task Esim_that_used_all_its_data_reads_depleted()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyAsync();

        var use = await sandbox.ConsumeAsync(esim.Iccid, 5000);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal((3072L, 1928L), ((long)use["used_mb"]!, (long)use["dropped_mb"]!));
        Assert.Equal((EsimState.Depleted, 0L), (reading.State, reading.DataRemainingMb));
    }

    [Fact]
    public async Task Esim_past_its_validity_reads_expired()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyAsync();
        await sandbox.ConsumeAsync(esim.Iccid, 100);

        await sandbox.AdvanceAsync(TimeSpan.FromDays(15) + TimeSpan.FromMinutes(1));
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(EsimState.Expired, reading.State);
        Assert.True(reading.ExpiresAt < sandbox.State.Now);
    }

    [Fact]
    public async Task Recycled_esim_reads_terminated_without_data_figures()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyActiveAsync();

        await sandbox.RecycleAsync(esim.Iccid);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);
        var sim = await sandbox.Client.GetEsimAsync(esim.Iccid, false, None);

        Assert.Equal(EsimState.Terminated, reading.State);
        Assert.Null(reading.DataRemainingMb);
        Assert.Null(reading.ExpiresAt);
        Assert.True(sim.Recycled);
        Assert.NotNull(sim.RecycledAt);
    }

    [Fact]
    public async Task Unlimited_esim_stays_active_with_no_data_figures_however_much_is_used()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyAsync("albion-mobile-7days-unlimited");

        await sandbox.ConsumeAsync(esim.Iccid, 250_000);
        var usage = await sandbox.Client.GetUsageAsync(esim.Iccid, None);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal((true, 0L, 0L), (usage.IsUnlimited, usage.Remaining, usage.Total));
        Assert.Equal((EsimState.Active, null, null), (reading.State, reading.DataRemainingMb, reading.DataTotalMb));
    }

    [Fact]
    public async Task Voice_and_text_allowances_are_reported_with_the_data()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyAsync("liberty-wireless-30days-3gb-100sms-100mins");

        var usage = await sandbox.Client.GetUsageAsync(esim.Iccid, None);

        Assert.Equal((PressOneUsageStatus.NotActive, 100, 100, 100, 100),
            (usage.Status, usage.TotalVoice, usage.RemainingVoice, usage.TotalText, usage.RemainingText));
    }

    [Fact]
    public async Task Usage_is_served_from_a_cache_that_lags_the_network_for_twenty_minutes()
    {
        await using var sandbox = await PressOneSandbox.StartAsync(o => o.UsageCacheDuration = TimeSpan.FromMinutes(20));
        var esim = await sandbox.BuyAsync();
        await sandbox.ConsumeAsync(esim.Iccid, 72);
        await sandbox.Client.GetUsageAsync(esim.Iccid, None);

        await sandbox.ConsumeAsync(esim.Iccid, 1000);
        var stale = await sandbox.Client.GetUsageAsync(esim.Iccid, None);
        await sandbox.AdvanceAsync(TimeSpan.FromMinutes(21));
        var fresh = await sandbox.Client.GetUsageAsync(esim.Iccid, None);

        Assert.Equal(3000L, stale.Remaining);
        Assert.Equal(2000L, fresh.Remaining);
    }

    [Fact]
    public async Task Package_history_lists_the_original_package_and_each_top_up_as_its_own_bucket()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyActiveAsync();
        await sandbox.ConsumeAsync(esim.Iccid, 3072);
        await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", PressOneSandbox.JapanTopUp, null), None);

        var history = await sandbox.Client.GetPackageHistoryAsync(esim.Iccid, None);

        Assert.Equal(2, history.Count);
        var topUp = Assert.Single(history, b => b.Package?.Id == PressOneSandbox.JapanTopUp);
        var original = Assert.Single(history, b => b.Package?.Id == PressOneSandbox.JapanPackage);
        Assert.Equal((PressOneUsageStatus.Active, 1024L), (topUp.Status, topUp.Remaining));
        Assert.Equal((PressOneUsageStatus.Finished, 0L), (original.Status, original.Remaining));
        Assert.NotNull(original.FinishedAt);
        Assert.Equal(TimeSpan.FromDays(7), topUp.ExpiredAt - topUp.ActivatedAt);
    }

    [Fact]
    public async Task Package_history_allows_one_call_per_esim_every_fifteen_minutes()
    {
        await using var sandbox = await PressOneSandbox.StartAsync(o => o.PackageHistoryInterval = TimeSpan.FromMinutes(15));
        var esim = await sandbox.BuyAsync();
        await sandbox.Client.GetPackageHistoryAsync(esim.Iccid, None);

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Client.GetPackageHistoryAsync(esim.Iccid, None));
        await sandbox.AdvanceAsync(TimeSpan.FromMinutes(15));

        Assert.Equal((429, PressOneErrorCodes.RateLimited), (error.HttpStatus, error.Code));
        Assert.Equal(TimeSpan.FromMinutes(15), error.RetryAfter);
        Assert.Single(await sandbox.Client.GetPackageHistoryAsync(esim.Iccid, None));
    }
}
