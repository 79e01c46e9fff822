using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.Esimfly;
using Storefront.Sandbox.Esimfly;

namespace Storefront.Tests.Providers.Esimfly;

public class TopUpTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Top_ups_of_an_active_esim_are_listed_as_packages_in_megabytes()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("PHAJHEAYP");
        await sandbox.ActivateAsync(esim.Iccid);

        var topUps = await sandbox.Provider.ListTopUpsAsync(esim.Iccid, None);

        Assert.Equal(["TOPUP_US1GB7D", "TOPUP_US5GB30D"], topUps.Select(t => t.Id));
        Assert.Equal((1024L, 7, 1.60m, true, false), (topUps[0].DataMb, topUps[0].ValidityDays, topUps[0].CostUsd, topUps[0].TopUpAllowed, topUps[0].IsUnlimited));
    }

    [Fact]
    public async Task A_new_esim_offers_no_top_ups_yet()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync();

        Assert.Empty(await sandbox.Provider.ListTopUpsAsync(esim.Iccid, None));
    }

    [Fact]
    public async Task A_top_up_adds_data_extends_validity_and_is_paid_from_the_balance()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("PHAJHEAYP");
        await sandbox.UseAsync(esim.Iccid, 24);
        var before = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        var result = await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "TOPUP_US5GB30D", null), None);
        var after = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(esim.Iccid, result.Iccid);
        Assert.Matches("^topup_[0-9]{13}_[a-z0-9]{5}$", result.UpstreamReference);
        Assert.Equal((1000L + 5120L, 1024L + 5120L), (after.DataRemainingMb, after.DataTotalMb));
        Assert.Equal(before.ExpiresAt!.Value.AddDays(30), after.ExpiresAt);
        Assert.Equal(500m - 1.44m - 6.90m, await sandbox.Provider.GetResellerBalanceAsync(None));
    }

    [Fact]
    public async Task The_top_up_answer_reports_the_new_volume_in_gigabytes()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("PHAJHEAYP");
        await sandbox.UseAsync(esim.Iccid, 512);

        var result = await sandbox.Client.TopUpAsync(esim.Iccid, "TOPUP_US1GB7D", 1, None);

        Assert.Equal((2.0m, 1.5m), (result.EsimData!.NewTotalVolumeGb, result.EsimData.NewRemainingVolumeGb));
        Assert.NotNull(EsimflyUnits.ParseHumanTime(result.EsimData.ExpiredTime));
        Assert.Equal((1.60m, "completed"), (result.Amount, result.Status));
    }

    [Fact]
    public async Task A_top_up_brings_a_depleted_esim_back_to_active()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("PHAJHEAYP");
        await sandbox.UseAsync(esim.Iccid, 1024);

        await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-2", "TOPUP_US1GB7D", null), None);

        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);
        Assert.Equal((EsimState.Active, 1024L), (reading.State, reading.DataRemainingMb));
    }

    [Fact]
    public async Task A_depleted_esim_that_expired_can_still_be_topped_up()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("PHAJHEAYP");
        await sandbox.UseAsync(esim.Iccid, 1024);
        await sandbox.AdvanceAsync(TimeSpan.FromDays(8));

        await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-3", "TOPUP_US1GB7D", null), None);

        Assert.Equal(EsimState.Active, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).State);
    }

    [Fact]
    public async Task An_expired_esim_with_data_left_cannot_be_topped_up()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("PHAJHEAYP");
        await sandbox.ActivateAsync(esim.Iccid);
        await sandbox.AdvanceAsync(TimeSpan.FromDays(8));

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() =>
            sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-4", "TOPUP_US1GB7D", null), None));

        Assert.Equal((400, EsimflyErrorCodes.EsimNotToppable), (error.HttpStatus, error.Code));
        Assert.Contains("EXPIRED", error.Message);
        Assert.Empty(await sandbox.Provider.ListTopUpsAsync(esim.Iccid, None));
        Assert.Null(await sandbox.Provider.FindTopUpAsync(esim.Iccid, new TopUpRequest("TOP-4", "TOPUP_US1GB7D", null), None));
    }

    [Fact]
    public async Task A_top_up_package_of_another_esim_is_invalid()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("PHAJHEAYP");
        await sandbox.ActivateAsync(esim.Iccid);

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Client.TopUpAsync(esim.Iccid, "TOPUP_FR3GB15D", 1, None));

        Assert.Equal((400, EsimflyErrorCodes.InvalidTopUpPackage), (error.HttpStatus, error.Code));
    }

    [Fact]
    public async Task An_esim_whose_package_has_no_top_ups_does_not_support_them()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("THU-7D");
        await sandbox.ActivateAsync(esim.Iccid);

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Client.TopUpAsync(esim.Iccid, "TOPUP_TH5GB10D", 1, None));

        Assert.Equal((400, EsimflyErrorCodes.TopUpNotSupported), (error.HttpStatus, error.Code));
        Assert.Empty(await sandbox.Provider.ListTopUpsAsync(esim.Iccid, None));
    }

    [Fact]
    public async Task In_reset_mode_a_top_up_starts_the_validity_again_from_now()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(o => o.TopUpExpiry = EsimflyTopUpExpiryModes.Reset);
        var esim = await sandbox.BuyAsync("US-5GB-30D");
        await sandbox.ActivateAsync(esim.Iccid);
        await sandbox.AdvanceAsync(TimeSpan.FromDays(10));

        await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-5", "TOPUP_US1GB7D", null), None);

        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);
        Assert.Equal(reading.ActivatedAt!.Value.AddDays(17), reading.ExpiresAt);
    }

    [Fact]
    public async Task Top_up_packages_need_an_iccid_and_an_esim_of_the_account()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var missing = await sandbox.RawAsync(HttpMethod.Get, "topup/packages");
        var unknown = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Client.ListTopUpPackagesAsync("8943108170000000001", 1, 50, None));

        Assert.Equal((400, EsimflyErrorCodes.MissingIccid), (missing.Status, (string?)missing.Body!["code"]));
        Assert.Equal((403, EsimflyErrorCodes.EsimAccessDenied), (unknown.HttpStatus, unknown.Code));
    }
}
