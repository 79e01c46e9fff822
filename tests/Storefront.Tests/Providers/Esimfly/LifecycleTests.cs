using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.Esimfly;

namespace Storefront.Tests.Providers.Esimfly;

/// <summary>
/// ReadEsimAsync through the eSIM's life: NEW, first use, depletion, expiry, deletion
/// (docs/providers/esimfly.md §1.5.5–1.5.6, §1.7).
/// </summary>
public class LifecycleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_new_esim_reads_as_not_installed_with_all_its_data()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("US-5GB-30D");

        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal((EsimState.NotInstalled, 5120L, 5120L, null, null),
            (reading.State, reading.DataRemainingMb, reading.DataTotalMb, reading.ActivatedAt, reading.ExpiresAt));
        Assert.Null(reading.WalletBalanceUsd);
    }

    [Fact]
    public async Task Installing_alone_does_not_start_the_validity()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync();

        var installed = await sandbox.SimAsync($"esims/{esim.Iccid}/install");

        Assert.Equal(("NEW", "installed"), ((string?)installed["status"], (string?)(await sandbox.StateAsync())["esims"]![0]!["profile_status"]));
        Assert.Equal(EsimState.NotInstalled, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).State);
    }

    [Fact]
    public async Task First_use_activates_the_esim_and_starts_its_validity()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("PHAJHEAYP");

        await sandbox.UseAsync(esim.Iccid, 100);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal((EsimState.Active, 924L, 1024L), (reading.State, reading.DataRemainingMb, reading.DataTotalMb));
        Assert.NotNull(reading.ActivatedAt);
        Assert.Equal(reading.ActivatedAt!.Value.AddDays(7), reading.ExpiresAt);
    }

    [Fact]
    public async Task Using_all_the_data_reads_as_depleted()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("PHAJHEAYP");

        await sandbox.UseAsync(esim.Iccid, 5000);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal((EsimState.Depleted, 0L, 1024L), (reading.State, reading.DataRemainingMb, reading.DataTotalMb));
    }

    [Fact]
    public async Task Validity_running_out_reads_as_expired()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("PHAJHEAYP");
        await sandbox.UseAsync(esim.Iccid, 10);

        await sandbox.AdvanceAsync(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal((EsimState.Expired, 1014L), (reading.State, reading.DataRemainingMb));
    }

    [Fact]
    public async Task An_unlimited_esim_reads_without_data_totals()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("THU-7D");

        await sandbox.UseAsync(esim.Iccid, 20_000);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);
        var usage = await sandbox.Client.GetUsageAsync(esim.Iccid, None);

        Assert.Equal((EsimState.Active, null, null), (reading.State, reading.DataRemainingMb, reading.DataTotalMb));
        Assert.Equal((0L, 0L, 20_000L, true), (usage.Data!.TotalMb, usage.Data.RemainingMb, usage.Data.UsedMb, usage.Data.IsUnlimited));
    }

    [Theory]
    [InlineData("DELETED")]
    [InlineData("CANCELLED")]
    public async Task A_deleted_or_cancelled_esim_reads_as_terminated(string status)
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync();

        await sandbox.SimAsync($"esims/{esim.Iccid}/status", new { status });

        Assert.Equal(EsimState.Terminated, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).State);
    }

    [Fact]
    public async Task The_esim_list_shows_megabytes_validity_and_manual_installation()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("ES-3GB-15D");
        await sandbox.UseAsync(esim.Iccid, 768);

        var listed = await sandbox.Client.FindEsimAsync(esim.Iccid, None);

        Assert.NotNull(listed);
        Assert.Equal((EsimflyEsimStatus.Active, 3072L, 768L, 2304L, 25m),
            (listed.Status, listed.Data!.TotalMb, listed.Data.UsedMb, listed.Data.RemainingMb, listed.Data.UsagePercentage));
        Assert.Equal((15, false), (listed.Validity!.Days, listed.Validity.IsExpired));
        Assert.Equal(esim.ActivationCode, listed.ManualInstallation!.LpaFormat);
        Assert.Equal(["Spain"], listed.Countries);
    }

    [Fact]
    public async Task Usage_can_be_queried_by_order_reference()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync();

        var answer = await sandbox.RawAsync(HttpMethod.Get, $"esims/usage/query?order_id={esim.UpstreamOrderReference}");

        Assert.Equal(200, answer.Status);
        Assert.Equal(esim.Iccid, (string?)answer.Body!["data"]!["esim"]!["iccid"]);
    }
}
