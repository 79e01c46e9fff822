using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.CloudeSim;

namespace Storefront.Tests.Providers.CloudeSim;

public class TopUpTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Top_ups_listed_for_an_esim_are_only_those_that_fit_its_package()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var usa = await sandbox.OrderAsync("ESIM_1GB_7D_US", "ORD-US");
        var france = await sandbox.OrderAsync("ESIM_1GB_7D_FR", "ORD-FR");

        var forUsa = await sandbox.Provider.ListTopUpsAsync(usa.Iccid, None);
        var forFrance = await sandbox.Provider.ListTopUpsAsync(france.Iccid, None);

        Assert.Equal(["TOPUP_1GB_7D_US", "TOPUP_3GB_15D_US"], forUsa.Select(p => p.Id).Order());
        var small = forUsa.Single(p => p.Id == "TOPUP_1GB_7D_US");
        Assert.Equal((1024L, 7, 3.00m, Coverage.Local), (small.DataMb, small.ValidityDays, small.CostUsd, small.Coverage));
        Assert.Empty(forFrance);
    }

    [Fact]
    public async Task A_top_up_adds_data_extends_validity_and_is_charged()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync("ESIM_1GB_7D_US");
        await sandbox.UseAsync(esim.Iccid, 24);
        var before = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        var result = await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "TOPUP_3GB_15D_US", null), None);
        var after = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(esim.Iccid, result.Iccid);
        Assert.Matches("^ESA[0-9]+$", result.UpstreamReference);
        Assert.Equal((1000L + 3072L, 4096L), (after.DataRemainingMb, after.DataTotalMb));
        Assert.Equal(before.ExpiresAt!.Value.AddDays(15), after.ExpiresAt);
        Assert.Equal(500m - 3.50m - 7.50m, await sandbox.BalanceAsync());
        Assert.Equal(1, await sandbox.OrderCountAsync("TOPUP"));
    }

    [Fact]
    public async Task A_top_up_brings_a_depleted_esim_back_to_active()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync("ESIM_1GB_7D_US");
        await sandbox.UseAsync(esim.Iccid, 1024);

        await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "TOPUP_1GB_7D_US", null), None);

        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);
        Assert.Equal((EsimState.Active, 1024L), (reading.State, reading.DataRemainingMb));
    }

    [Fact]
    public async Task A_top_up_on_a_new_esim_adds_to_the_validity_it_starts_with()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync("ESIM_1GB_7D_US");

        await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "TOPUP_1GB_7D_US", null), None);
        await sandbox.UseAsync(esim.Iccid, 1);

        var now = DateTimeOffset.Parse((string)(await sandbox.SimGetAsync("clock"))["now"]!);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);
        Assert.InRange(reading.ExpiresAt!.Value, now.AddDays(14).AddSeconds(-5), now.AddDays(14));
        Assert.Equal(2048L, reading.DataTotalMb);
    }

    [Fact]
    public async Task A_top_up_that_does_not_fit_the_esim_is_refused_as_not_compatible()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync("ESIM_1GB_7D_FR");

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() =>
            sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "TOPUP_1GB_7D_US", null), None));

        Assert.Equal((CloudeSimErrorCodes.NotCompatible, 400, false, false), (error.Code, error.HttpStatus, error.Retryable, error.OutcomeUnknown));
        Assert.Null(await sandbox.Provider.FindTopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "TOPUP_1GB_7D_US", null), None));
        Assert.Equal(500m - 3.00m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task A_top_up_after_expiry_is_refused_for_the_esim_status()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync("ESIM_1GB_7D_US");
        await sandbox.UseAsync(esim.Iccid, 1);
        await sandbox.AdvanceAsync(TimeSpan.FromDays(8));

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() =>
            sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "TOPUP_1GB_7D_US", null), None));

        Assert.Equal(CloudeSimErrorCodes.InvalidStatus, error.Code);
        Assert.Equal("Top up not allowed for current eSIM status", error.UpstreamMessage);
    }

    [Fact]
    public async Task Ordering_with_an_iccid_tops_that_esim_up()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync("ESIM_1GB_7D_JP");

        var order = await sandbox.Client.OrderAsync("TOPUP_1GB_7D_JP", 2, esim.Iccid, None);

        Assert.Equal(esim.Iccid, Assert.Single(order.EsimList!).Iccid);
        Assert.Equal(3072L, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).DataRemainingMb);
        Assert.Equal(500m - 4.20m - 2 * 3.80m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task Operations_the_api_lacks_are_not_in_its_contract()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();

        IEsimProvider provider = sandbox.Provider;
        Assert.False(provider is ISuspendResume or IThrottling or IWebhookEvents or IWalletFunding);
    }
}
