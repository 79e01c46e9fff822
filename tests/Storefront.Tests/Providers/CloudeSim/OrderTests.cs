using Storefront.Features.Install;
using Storefront.Providers;
using Storefront.Providers.CloudeSim;
using Storefront.Sandbox.CloudeSim;

namespace Storefront.Tests.Providers.CloudeSim;

public class OrderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Order_gives_an_esim_whose_activation_code_installs_and_whose_qr_code_is_served()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();

        var esim = await sandbox.OrderAsync();
        var details = InstallDetails.Parse(esim.ActivationCode);
        var ordered = (await sandbox.Client.QueryAsync(esim.Iccid, null, None)).Single();
        using var http = new HttpClient();
        var png = await http.GetByteArrayAsync(ordered.QrCodeUrl);

        Assert.Matches("^8985240[0-9]{13}$", esim.Iccid);
        Assert.Equal(CloudeSimSimulatorState.SmdpHost, details.SmdpAddress);
        Assert.Matches("^[0-9A-F]{32}$", details.MatchingId);
        Assert.Matches("^ESA[0-9]{14}$", esim.UpstreamOrderReference);
        Assert.Matches("^[0-9]{14}$", esim.UpstreamId);
        Assert.Null(esim.QrCodePngDataUrl);
        Assert.Equal(esim.UpstreamOrderReference, ordered.OrderNo);
        Assert.Equal(esim.ActivationCode, await CloudeSimSandbox.ScanQrAsync(png));
        Assert.Equal(500m - 3.50m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task The_plan_travels_with_the_order_so_there_is_no_wallet_to_fund()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var request = new ProvisionRequest("ORD-2", "Ken - Japan", "ESIM_3GB_15D_JP");
        var esim = await sandbox.Provider.CreateEsimAsync(request, None);

        Assert.IsNotAssignableFrom<IWalletFunding>(sandbox.Provider);
        Assert.NotNull(esim.ActivationCode);
        Assert.Equal(500m - 9.50m, await sandbox.BalanceAsync());
        Assert.Equal(1, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task A_short_activation_code_is_completed_with_the_configured_smdp_address()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync(o => o.ShortActivationCodes = true,
            o => o.SmdpAddress = CloudeSimSimulatorState.SmdpHost);

        var esim = await sandbox.OrderAsync();
        var ordered = (await sandbox.Client.QueryAsync(esim.Iccid, null, None)).Single();
        using var http = new HttpClient();
        var png = await http.GetByteArrayAsync(ordered.QrCodeUrl);

        Assert.Matches("^[0-9A-F]{32}$", ordered.Ac);
        Assert.Equal($"LPA:1${CloudeSimSimulatorState.SmdpHost}${ordered.Ac}", esim.ActivationCode);
        Assert.Equal(ordered.Ac, InstallDetails.Parse(esim.ActivationCode).MatchingId);
        Assert.Equal(esim.ActivationCode, await CloudeSimSandbox.ScanQrAsync(png));
    }

    [Fact]
    public async Task A_short_activation_code_without_an_smdp_address_is_reported_as_paid_but_incomplete_and_never_reordered()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync(o => o.ShortActivationCodes = true);
        var request = new ProvisionRequest("ORD-3", "Ana - USA", "ESIM_1GB_7D_US");

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.CreateEsimAsync(request, None));
        var lookup = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.FindEsimAsync(request, None));

        Assert.Equal(CloudeSimErrorCodes.ActivationCodeIncomplete, error.Code);
        Assert.True(error.OutcomeUnknown);
        Assert.NotNull(error.OrderNo);
        Assert.Contains("CloudeSim:SmdpAddress", error.Message);
        Assert.Equal(CloudeSimErrorCodes.ActivationCodeIncomplete, lookup.Code);
        Assert.Equal(1, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task Asynchronous_allocation_is_waited_for_by_polling_the_order()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync(o =>
        {
            o.AsyncAllocation = true;
            o.AllocationDelay = TimeSpan.FromSeconds(1);
        });

        var order = await sandbox.Client.OrderAsync("ESIM_1GB_7D_JP", 1, null, None);
        var allocatedAtOnce = await sandbox.Client.QueryAsync(null, order.OrderNo, None);
        var esim = await sandbox.OrderAsync("ESIM_1GB_7D_JP", "ORD-4");

        Assert.Empty(order.EsimList!);
        Assert.Empty(allocatedAtOnce);
        Assert.StartsWith("LPA:1$", esim.ActivationCode);
        Assert.Equal(esim.Iccid, (await sandbox.Client.QueryAsync(null, esim.UpstreamOrderReference, None)).Single().Iccid);
    }

    [Fact]
    public async Task Allocation_slower_than_the_timeout_is_pending_and_the_lookup_finds_the_esim_later()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync(o =>
        {
            o.AsyncAllocation = true;
            o.AllocationDelay = TimeSpan.FromMinutes(1);
        }, o => o.AllocationTimeout = TimeSpan.FromMilliseconds(300));
        var request = new ProvisionRequest("ORD-5", "Li - Japan", "ESIM_1GB_7D_JP");

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.CreateEsimAsync(request, None));
        await sandbox.AdvanceAsync(TimeSpan.FromMinutes(1));
        var found = await sandbox.Provider.FindEsimAsync(request, None);

        Assert.Equal(CloudeSimErrorCodes.AllocationPending, error.Code);
        Assert.True(error.OutcomeUnknown);
        Assert.NotNull(found);
        Assert.Equal(error.OrderNo, found.UpstreamOrderReference);
        Assert.StartsWith("LPA:1$", found.ActivationCode);
        Assert.Equal(1, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task An_order_of_several_esims_charges_each_of_them()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();

        var order = await sandbox.Client.OrderAsync("ESIM_1GB_7D_US", 3, null, None);

        Assert.Equal(3, order.EsimList!.Count);
        Assert.Equal(3, order.EsimList.Select(e => e.Iccid).Distinct().Count());
        Assert.Equal(500m - 3 * 3.50m, await sandbox.BalanceAsync());
        Assert.Equal(3, (await sandbox.Client.QueryAsync(null, order.OrderNo, None)).Count);
    }

    [Fact]
    public async Task The_reseller_balance_comes_from_the_data_envelope()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync(o => o.StartingBalanceUsd = 24.50m);

        var balance = await sandbox.Client.GetBalanceAsync(None);

        Assert.Equal(("sandbox-reseller", 24.50m, "USD"), (balance.Username, balance.Balance, balance.Currency));
        Assert.Equal(24.50m, await sandbox.Provider.GetResellerBalanceAsync(None));
    }
}
