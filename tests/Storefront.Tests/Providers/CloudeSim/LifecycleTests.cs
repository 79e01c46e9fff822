using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.CloudeSim;
using Storefront.Sandbox.CloudeSim;

namespace Storefront.Tests.Providers.CloudeSim;

/// <summary>
/// Reading an eSIM through NEW → ACTIVE → DEPLETED / EXPIRED (docs/providers/cloudesim.md §5.2), as the store sees it.
/// </summary>
public class LifecycleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_new_esim_reads_as_not_installed_with_its_full_volume_and_no_expiry_yet()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync("ESIM_3GB_15D_US");

        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal((EsimState.NotInstalled, 3072L, 3072L), (reading.State, reading.DataRemainingMb, reading.DataTotalMb));
        Assert.Null(reading.ExpiresAt);
        Assert.Null(reading.ActivatedAt);
        Assert.Null(reading.WalletBalanceUsd);
    }

    [Fact]
    public async Task First_usage_activates_the_esim_and_starts_its_validity()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync("ESIM_1GB_7D_US");

        var used = await sandbox.UseAsync(esim.Iccid, 100);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        var now = DateTimeOffset.Parse((string)(await sandbox.SimGetAsync("clock"))["now"]!);
        Assert.Equal("ACTIVE", (string?)used["status"]);
        Assert.Equal((EsimState.Active, 924L, 1024L), (reading.State, reading.DataRemainingMb, reading.DataTotalMb));
        Assert.InRange(reading.ExpiresAt!.Value, now.AddDays(7).AddSeconds(-5), now.AddDays(7));
        Assert.NotNull(reading.ActivatedAt);
    }

    [Fact]
    public async Task Using_the_whole_volume_depletes_the_esim()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync("ESIM_1GB_7D_US");
        await sandbox.UseAsync(esim.Iccid, 1000);

        await sandbox.UseAsync(esim.Iccid, 500);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);
        var ignored = await sandbox.UseAsync(esim.Iccid, 1);

        Assert.Equal((EsimState.Depleted, 0L), (reading.State, reading.DataRemainingMb));
        Assert.Equal("DEPLETED", (string?)ignored["ignored"]);
    }

    [Fact]
    public async Task An_active_esim_expires_when_the_clock_passes_its_expiry()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync("ESIM_1GB_7D_US");
        await sandbox.UseAsync(esim.Iccid, 10);

        await sandbox.AdvanceAsync(TimeSpan.FromDays(6));
        var stillActive = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);
        await sandbox.AdvanceAsync(TimeSpan.FromDays(1.1));
        var expired = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(EsimState.Active, stillActive.State);
        Assert.Equal(EsimState.Expired, expired.State);
        Assert.Equal(1014L, expired.DataRemainingMb);
    }

    [Fact]
    public async Task An_esim_never_used_expires_after_the_unused_validity_window()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync("ESIM_1GB_7D_US");

        await sandbox.AdvanceAsync(TimeSpan.FromDays(181));

        Assert.Equal(EsimState.Expired, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).State);
    }

    [Fact]
    public async Task A_suspended_esim_reads_as_suspended_and_resumes_where_it_was()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync("ESIM_1GB_7D_US");
        await sandbox.UseAsync(esim.Iccid, 10);

        await sandbox.SimAsync($"esim/{esim.Iccid}/suspend");
        var suspended = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);
        await sandbox.SimAsync($"esim/{esim.Iccid}/resume");

        Assert.Equal(EsimState.Suspended, suspended.State);
        Assert.Equal(EsimState.Active, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).State);
    }

    [Theory]
    [InlineData(0, "GOT_RESOURCE", EsimState.NotInstalled)]
    [InlineData(10, "IN_USE", EsimState.Active)]
    [InlineData(2000, "USED_UP", EsimState.Depleted)]
    public async Task Esim_access_status_names_map_to_the_same_states(int usedMb, string status, EsimState state)
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync(o => o.StatusNaming = CloudeSimStatusNamings.EsimAccess);
        var esim = await sandbox.OrderAsync("ESIM_1GB_7D_US");
        if (usedMb > 0) await sandbox.UseAsync(esim.Iccid, usedMb);

        var raw = (await sandbox.Client.QueryAsync(esim.Iccid, null, None)).Single();

        Assert.Equal(status, raw.Status);
        Assert.Equal(state, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).State);
    }

    [Fact]
    public async Task Esim_access_names_tell_used_and_unused_expiry_apart()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync(o => o.StatusNaming = CloudeSimStatusNamings.EsimAccess);
        var used = await sandbox.OrderAsync("ESIM_1GB_7D_US", "ORD-A");
        var unused = await sandbox.OrderAsync("ESIM_1GB_7D_US", "ORD-B");
        await sandbox.UseAsync(used.Iccid, 1);

        await sandbox.AdvanceAsync(TimeSpan.FromDays(200));

        Assert.Equal("USED_EXPIRED", (await sandbox.Client.QueryAsync(used.Iccid, null, None)).Single().Status);
        Assert.Equal("UNUSED_EXPIRED", (await sandbox.Client.QueryAsync(unused.Iccid, null, None)).Single().Status);
        Assert.Equal(EsimState.Expired, (await sandbox.Provider.ReadEsimAsync(unused.Iccid, None)).State);
    }

    [Fact]
    public async Task Remaining_volume_in_bytes_is_read_as_mb_when_configured()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync(o => o.RemainingVolumeUnit = CloudeSimVolumeUnits.Bytes,
            o => o.RemainingVolumeUnit = CloudeSimVolumeUnit.Bytes);
        var esim = await sandbox.OrderAsync("ESIM_1GB_7D_US");
        await sandbox.UseAsync(esim.Iccid, 24);

        var raw = (await sandbox.Client.QueryAsync(esim.Iccid, null, None)).Single();
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(1000m * 1024 * 1024, raw.RemainingVolume);
        Assert.Equal((1000L, 1024L), (reading.DataRemainingMb, reading.DataTotalMb));
    }

    [Fact]
    public void Unknown_statuses_read_as_unknown_without_failing()
    {
        Assert.Equal(EsimState.Unknown, CloudeSimProvider.ToState("PAUSED_BY_OPERATOR", 100));
        Assert.Equal(EsimState.Terminated, CloudeSimProvider.ToState("REVOKED", null));
        Assert.Equal(EsimState.Active, CloudeSimProvider.ToState("active", 5));
    }
}
