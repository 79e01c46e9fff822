using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.PressOne;

namespace Storefront.Tests.Providers.PressOne;

public class TopUpTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Active_esim_lists_the_top_up_packages_of_its_operator()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyActiveAsync();

        var topUps = await sandbox.Provider.ListTopUpsAsync(esim.Iccid, None);

        Assert.Equal([PressOneSandbox.JapanTopUp, "sakura-mobile-15days-3gb-topup"], topUps.Select(t => t.Id));
        var small = topUps[0];
        Assert.Equal((1024L, 7, 3.6m, 4.5m, true), (small.DataMb, small.ValidityDays, small.CostUsd, small.RecommendedRetailUsd, small.TopUpAllowed));
        Assert.Equal("1 GB - 7 Days", small.Name);
    }

    [Fact]
    public async Task Esim_not_yet_activated_has_no_top_ups()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyAsync();

        Assert.Empty(await sandbox.Provider.ListTopUpsAsync(esim.Iccid, None));
    }

    [Fact]
    public async Task Esim_of_an_operator_without_recharges_has_an_empty_top_up_list()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyActiveAsync(PressOneSandbox.UaePackage);

        Assert.Empty(await sandbox.Client.GetTopUpPackagesAsync(esim.Iccid, None));
    }

    [Fact]
    public async Task Top_up_list_for_an_unknown_iccid_is_not_found()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Provider.ListTopUpsAsync("8910300000005271146", None));

        Assert.Equal((404, PressOneErrorCodes.NotFound), (error.HttpStatus, error.Code));
        Assert.Contains("messages.resource_not_found", error.Message);
        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task Top_up_list_for_a_recycled_esim_fails_with_code_73()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyActiveAsync();
        await sandbox.RecycleAsync(esim.Iccid);

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Provider.ListTopUpsAsync(esim.Iccid, None));

        Assert.Equal((422, PressOneErrorCodes.SimRecycled, 73), (error.HttpStatus, error.Code, error.BusinessCode));
        Assert.Contains($"The eSIM with iccid {esim.Iccid} has been recycled", error.Message);
        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task Top_up_adds_its_data_and_validity_to_the_esim_and_is_charged_at_net_price()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyActiveAsync("sakura-mobile-7days-1gb");
        await sandbox.ConsumeAsync(esim.Iccid, 1000);
        await sandbox.AdvanceAsync(TimeSpan.FromDays(5));
        var before = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        var result = await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "sakura-mobile-15days-3gb-topup", null), None);
        var after = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(esim.Iccid, result.Iccid);
        Assert.Matches(@"^\d{8}-000002$", result.UpstreamReference);
        Assert.Equal((24L, 1024L), (before.DataRemainingMb, before.DataTotalMb));
        Assert.Equal((24L + 3072L, 1024L + 3072L), (after.DataRemainingMb, after.DataTotalMb));
        Assert.InRange((after.ExpiresAt - before.ExpiresAt)!.Value, TimeSpan.FromDays(13), TimeSpan.FromDays(13) + TimeSpan.FromSeconds(2));
        Assert.Equal(500m - 3.6m - 8m, await sandbox.Provider.GetResellerBalanceAsync(None));
    }

    [Fact]
    public async Task Top_up_brings_a_used_up_esim_back_to_active()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyActiveAsync();
        await sandbox.ConsumeAsync(esim.Iccid, 3072);
        var depleted = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", PressOneSandbox.JapanTopUp, null), None);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(EsimState.Depleted, depleted.State);
        Assert.Equal((EsimState.Active, 1024L), (reading.State, reading.DataRemainingMb));
    }

    [Fact]
    public async Task Top_up_order_is_described_by_the_store_reference_and_found_by_it()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyActiveAsync();
        var request = new TopUpRequest("TOP-9", PressOneSandbox.JapanTopUp, null);
        var done = await sandbox.Provider.TopUpAsync(esim.Iccid, request, None);

        var found = await sandbox.Provider.FindTopUpAsync(esim.Iccid, request, None);
        var other = await sandbox.Provider.FindTopUpAsync(esim.Iccid, request with { Reference = "TOP-1" }, None);
        var order = Assert.Single((await sandbox.Client.ListOrdersAsync(new PressOneOrderFilter { Description = "TOP-9" }, false, null, null, None)).Data);

        Assert.Equal(done, found);
        Assert.Null(other);
        Assert.Equal((PressOnePackageTypes.TopUp, PressOneSandbox.JapanTopUp, 1), (order.Type, order.PackageId, order.Quantity));
    }

    [Fact]
    public async Task Top_up_with_a_package_the_esim_is_not_offered_fails_with_invalid_top_up_package()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyActiveAsync();

        var error = await Assert.ThrowsAsync<PressOneApiException>(() =>
            sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "albion-mobile-7days-1gb-topup", null), None));

        Assert.Equal((422, PressOneErrorCodes.InvalidTopUpPackage), (error.HttpStatus, error.Code));
        Assert.Equal("invalid topup package", error.Fields["package_id"]);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(500m - 8m, await sandbox.Provider.GetResellerBalanceAsync(None));
    }

    [Fact]
    public async Task Top_up_of_a_recycled_esim_fails_with_sim_recycled()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyActiveAsync();
        await sandbox.RecycleAsync(esim.Iccid);

        var error = await Assert.ThrowsAsync<PressOneApiException>(() =>
            sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", PressOneSandbox.JapanTopUp, null), None));

        Assert.Equal((PressOneErrorCodes.SimRecycled, 73), (error.Code, error.BusinessCode));
    }

    [Fact]
    public async Task Top_up_of_an_unknown_iccid_fails_with_invalid_iccid()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<PressOneApiException>(() =>
            sandbox.Client.SubmitTopUpAsync("8910300000005271146", PressOneSandbox.JapanTopUp, null, None));

        Assert.Equal((422, PressOneErrorCodes.InvalidIccid), (error.HttpStatus, error.Code));
    }

    [Fact]
    public async Task Top_up_disabled_by_the_operator_fails_with_code_23()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyActiveAsync("test-disabled-top-up-7days-1gb");

        var error = await Assert.ThrowsAsync<PressOneApiException>(() =>
            sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "test-disabled-top-up-7days-1gb-topup", null), None));

        Assert.Equal((PressOneErrorCodes.TopUpDisabled, 23), (error.Code, error.BusinessCode));
    }

    [Fact]
    public async Task Top_ups_beyond_the_purchase_limit_fail_with_order_limit_exceeded()
    {
        await using var sandbox = await PressOneSandbox.StartAsync(o => o.TopUpLimitPerEsim = 1);
        var esim = await sandbox.BuyActiveAsync();
        await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", PressOneSandbox.JapanTopUp, null), None);

        var error = await Assert.ThrowsAsync<PressOneApiException>(() =>
            sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-2", PressOneSandbox.JapanTopUp, null), None));

        Assert.Equal(PressOneErrorCodes.OrderLimitExceeded, error.Code);
    }

    [Fact]
    public async Task Top_up_without_a_package_is_refused_before_calling_upstream()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            sandbox.Provider.TopUpAsync("8910300000005271146", new TopUpRequest("TOP-1", null, 10m), None));
    }
}
