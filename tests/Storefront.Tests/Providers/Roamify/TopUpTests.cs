using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.Roamify;

namespace Storefront.Tests.Providers.Roamify;

public class TopUpTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Top_ups_of_an_esim_are_the_compatible_packages_with_the_coverage_of_its_own_package()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-europe-30days-5gb-all");

        var topUps = await sandbox.Provider.ListTopUpsAsync(esim.Iccid, None);

        Assert.Equal(["esim-europe-30days-5gb-all", "esim-europe-30days-10gb-all", "esim-europe-30days-20gb-all"], topUps.Select(t => t.Id));
        var ten = topUps[1];
        Assert.Equal(("10 GB - 30 Days", Coverage.Regional, (long?)10240, (int?)30, false, true, 20m, false),
            (ten.Name, ten.Coverage, ten.DataMb, ten.ValidityDays, ten.IsUnlimited, ten.TopUpAllowed, ten.CostUsd, ten.RequiresTravelDate));
        Assert.Contains("FR", ten.CountryIso2s);
        Assert.Equal(12, ten.CountryIso2s.Count);
    }

    [Fact]
    public async Task Top_up_packages_come_in_their_own_shape_with_nested_data()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-cambodia-7days-1gb-all");

        var topUp = Assert.Single(await sandbox.Client.GetTopUpPackagesAsync(esim.Iccid, None));

        Assert.Equal(("esim-cambodia-7days-1gb-all", "1 GB - 7 Days", 7, 5m), (topUp.PackageId, topUp.Package, topUp.Day, topUp.Price));
        Assert.Equal(new RoamifyTopUpData(false, 1024m, "MB"), topUp.Data);
    }

    [Fact]
    public async Task A_top_up_on_an_active_esim_adds_its_data_and_extends_the_validity()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-france-7days-1gb-all");
        await sandbox.UseAsync(esim.Iccid, 1000m);
        var before = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        var result = await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "esim-france-30days-5gb-all", null), None);
        var after = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(esim.Iccid, result.Iccid);
        Assert.Matches("^[0-9a-f-]{36}$", result.UpstreamReference);
        Assert.Equal((24L, 1024L), (before.DataRemainingMb, before.DataTotalMb));
        Assert.Equal((EsimState.Active, 24L + 5120L, 1024L + 5120L), (after.State, after.DataRemainingMb, after.DataTotalMb));
        Assert.Equal(before.ExpiresAt!.Value.AddDays(30), after.ExpiresAt);
        Assert.Equal(500m - 3.50m - 10m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task A_top_up_before_first_use_lengthens_the_validity_that_first_use_starts()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-france-7days-1gb-all");

        await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "esim-france-7days-1gb-all", null), None);
        await sandbox.ActivateAsync(esim.Iccid);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(reading.ActivatedAt!.Value.AddDays(14), reading.ExpiresAt);
        Assert.Equal(2048L, reading.DataTotalMb);
    }

    [Theory]
    [InlineData("reset", 30)]
    [InlineData("longest", 30)]
    [InlineData("extend", 37)]
    public async Task Top_up_validity_follows_the_configured_rule(string rule, int daysFromActivation)
    {
        await using var sandbox = await RoamifySandbox.StartAsync(o => o.TopUpValidity = rule);
        var esim = await sandbox.BuyAsync("esim-france-7days-1gb-all");
        await sandbox.ActivateAsync(esim.Iccid);

        await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "esim-france-30days-5gb-all", null), None);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.InRange(reading.ExpiresAt!.Value - reading.ActivatedAt!.Value,
            TimeSpan.FromDays(daysFromActivation) - TimeSpan.FromSeconds(2), TimeSpan.FromDays(daysFromActivation) + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_package_from_another_group_is_refused_as_a_top_up()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-france-7days-1gb-all");

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() =>
            sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "esim-japan-7days-1gb-all", null), None));

        Assert.Equal((400, RoamifyErrorCodes.TopUpNotAllowed), (error.HttpStatus, error.Code));
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(496.50m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task An_esim_whose_package_has_no_top_up_lists_none_and_refuses_one()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-united-arab-emirates-7days-1gb-all");

        var topUps = await sandbox.Provider.ListTopUpsAsync(esim.Iccid, None);
        var error = await Assert.ThrowsAsync<RoamifyApiException>(() =>
            sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "esim-united-arab-emirates-7days-1gb-all", null), None));

        Assert.Empty(topUps);
        Assert.Equal(RoamifyErrorCodes.TopUpNotAllowed, error.Code);
    }

    [Fact]
    public async Task An_expired_esim_cannot_be_topped_up()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-france-7days-1gb-all");
        await sandbox.ActivateAsync(esim.Iccid);
        await sandbox.AdvanceAsync(TimeSpan.FromDays(8));

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() =>
            sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "esim-france-7days-1gb-all", null), None));

        Assert.Equal(RoamifyErrorCodes.TopUpNotAllowed, error.Code);
    }

    [Fact]
    public async Task A_top_up_is_found_by_its_reference_and_an_unknown_reference_finds_nothing()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-france-7days-1gb-all");
        var request = new TopUpRequest("TOP-7", "esim-france-30days-5gb-all", null);

        var before = await sandbox.Provider.FindTopUpAsync(esim.Iccid, request, None);
        var made = await sandbox.Provider.TopUpAsync(esim.Iccid, request, None);
        var found = await sandbox.Provider.FindTopUpAsync(esim.Iccid, request, None);
        var history = await sandbox.Client.GetHistoryAsync(esim.Iccid, None);

        Assert.Null(before);
        Assert.Equal(made, found);
        Assert.Equal(["esim-france-7days-1gb-all", "esim-france-30days-5gb-all"], history.Select(h => h.PackageId));
    }

    [Fact]
    public async Task Top_up_order_items_carry_the_configured_type()
    {
        await using var sandbox = await RoamifySandbox.StartAsync(o => o.TopUpItemType = "topup");
        var esim = await sandbox.BuyAsync("esim-france-7days-1gb-all");

        var order = await sandbox.Client.TopUpAsync(esim.Iccid, "esim-france-7days-1gb-all", "TOP-2", None);

        Assert.Equal(("TOP-2", "topup", RoamifyOrderStatus.Completed), (order.ReferenceId, order.Items![0].Type, order.Status));
    }

    [Fact]
    public async Task A_top_up_request_without_a_package_is_refused_before_calling_roamify()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            sandbox.Provider.TopUpAsync("894000000000000000", new TopUpRequest("TOP-1", null, 10m), None));
    }
}
