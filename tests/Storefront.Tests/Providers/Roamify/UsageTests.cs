using System.Text.Json.Nodes;
using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.Roamify;
using Storefront.Sandbox.Roamify;

namespace Storefront.Tests.Providers.Roamify;

/// <summary>ReadEsimAsync through an eSIM's life: generated, installed, used, drained, expired, revoked.</summary>
public class UsageTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_generated_esim_reads_not_installed_with_its_whole_allowance()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-france-30days-5gb-all");

        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal((EsimState.NotInstalled, 5120L, 5120L), (reading.State, reading.DataRemainingMb, reading.DataTotalMb));
        Assert.Null(reading.ActivatedAt);
        Assert.Null(reading.WalletBalanceUsd);
        Assert.InRange(reading.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddDays(364), DateTimeOffset.UtcNow.AddDays(366));
    }

    [Fact]
    public async Task An_installed_esim_reads_active()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-france-30days-5gb-all");

        await sandbox.SimAsync($"esims/{esim.Iccid}/install");

        Assert.Equal(EsimState.Active, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).State);
        Assert.Equal(RoamifyEsimStatus.Installed, (await sandbox.Client.GetUsageAsync(esim.Iccid, None)).Status);
    }

    [Fact]
    public async Task First_use_starts_the_validity_and_usage_drains_the_remaining_megabytes()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-cambodia-7days-1gb-all");

        await sandbox.UseAsync(esim.Iccid, 300m);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal((EsimState.Active, 724L, 1024L), (reading.State, reading.DataRemainingMb, reading.DataTotalMb));
        Assert.NotNull(reading.ActivatedAt);
        Assert.Equal(reading.ActivatedAt!.Value.AddDays(7), reading.ExpiresAt);
    }

    [Fact]
    public async Task Using_every_megabyte_reads_depleted()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-cambodia-7days-1gb-all");

        await sandbox.UseAsync(esim.Iccid, 1000m);
        await sandbox.UseAsync(esim.Iccid, 100m);

        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);
        Assert.Equal((EsimState.Depleted, 0L, 1024L), (reading.State, reading.DataRemainingMb, reading.DataTotalMb));
    }

    [Fact]
    public async Task An_esim_past_its_validity_reads_expired()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-cambodia-7days-1gb-all");
        await sandbox.ActivateAsync(esim.Iccid);

        await sandbox.AdvanceAsync(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        Assert.Equal(EsimState.Expired, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).State);
        Assert.Equal(RoamifyEsimStatus.Expired, (await sandbox.Client.GetEsimByIccidAsync(esim.Iccid, None)).Status);
    }

    [Fact]
    public async Task A_revoked_esim_reads_terminated()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-cambodia-7days-1gb-all");

        await sandbox.SimAsync($"esims/{esim.Iccid}/revoke");

        Assert.Equal(EsimState.Terminated, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).State);
    }

    [Fact]
    public async Task An_unlimited_esim_reads_without_data_figures_however_much_is_used()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-canada-15days-un2gb-all");

        await sandbox.UseAsync(esim.Iccid, 50_000m);
        var usage = await sandbox.Client.GetUsageAsync(esim.Iccid, None);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(RoamifyPackage.UnlimitedDataAmount, usage.AllowedData);
        Assert.Equal((EsimState.Active, (long?)null, (long?)null), (reading.State, reading.DataRemainingMb, reading.DataTotalMb));
        Assert.Equal(reading.ActivatedAt!.Value.AddDays(15), reading.ExpiresAt);
    }

    [Fact]
    public async Task An_esim_without_usage_check_is_read_from_the_esim_object()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-turkey-30days-10gb-all");

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => sandbox.Client.GetUsageAsync(esim.Iccid, None));
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal((400, RoamifyErrorCodes.UsageNotSupported), (error.HttpStatus, error.Code));
        Assert.Equal((EsimState.NotInstalled, (long?)null, (long?)null), (reading.State, reading.DataRemainingMb, reading.DataTotalMb));
        Assert.NotNull(reading.ExpiresAt);
    }

    [Fact]
    public async Task A_travel_date_package_used_early_starts_its_validity_on_the_travel_date()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var travel = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);
        var esim = await sandbox.BuyAsync("esim-japan-5days-un3gb-all", travelStart: travel);

        await sandbox.ActivateAsync(esim.Iccid);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        var start = new DateTimeOffset(travel.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Assert.Equal((start, start.AddDays(5)), (reading.ActivatedAt, reading.ExpiresAt));
    }

    [Fact]
    public async Task Usage_details_list_the_daily_usage_by_location()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-europe-30days-5gb-all");
        await sandbox.SimAsync($"esims/{esim.Iccid}/usage", new { mb = 100, location = "France" });
        await sandbox.SimAsync($"esims/{esim.Iccid}/usage", new { mb = 50, location = "France" });
        await sandbox.SimAsync($"esims/{esim.Iccid}/usage", new { mb = 25, location = "Spain" });

        using var http = new HttpClient { BaseAddress = sandbox.ApiBase };
        http.DefaultRequestHeaders.Authorization = new("Bearer", RoamifySimulatorOptions.DefaultAccessToken);
        var json = JsonNode.Parse(await http.GetStringAsync($"api/esim/usage/details?iccid={esim.Iccid}"))!;

        var days = json["data"]!["dataUsages"]!.AsArray();
        Assert.Equal([("France", 150m), ("Spain", 25m)], days.Select(d => ((string)d!["location"]!, (decimal)d["usage"]!)));
        Assert.Equal(DateTime.UtcNow.ToString("yyyyMMdd"), (string?)days[0]!["date"]);
        Assert.Equal(5120m - 175m, (decimal)json["data"]!["remainingData"]!);
    }
}
