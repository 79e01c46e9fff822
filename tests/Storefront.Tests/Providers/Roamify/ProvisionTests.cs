using Storefront.Tests.Support;
using Storefront.Features.Install;
using Storefront.Providers;
using Storefront.Providers.Roamify;

namespace Storefront.Tests.Providers.Roamify;

public class ProvisionTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Japan1Gb = "esim-japan-7days-1gb-all";
    private const string JapanUnlimited = "esim-japan-5days-un3gb-all";

    [Fact]
    public async Task Order_then_apply_gives_an_esim_whose_lpa_parses_into_install_details()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        var esim = await sandbox.BuyAsync(Japan1Gb, "ORD-100");

        var install = InstallDetails.Parse(esim.ActivationCode);
        Assert.Equal("sim-lpa.roamify.test", install.SmdpAddress);
        Assert.Matches("^[0-9A-F]{32}$", install.MatchingId);
        Assert.Matches("^894000[0-9]{13}$", esim.Iccid);
        Assert.True(LuhnValid(esim.Iccid));
        Assert.Matches("^[0-9a-f-]{36}$", esim.UpstreamId);
        Assert.Equal("ORD-100", esim.UpstreamOrderReference);
        Assert.Null(esim.QrCodePngDataUrl);
        Assert.Equal(500m - 4.50m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task An_order_has_one_esim_per_unit_that_has_no_iccid_until_it_is_applied()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        var order = await sandbox.Client.CreateOrderAsync([new RoamifyOrderItemRequest(Japan1Gb, 2)], "ref-123456", None);
        var before = await sandbox.Client.GetEsimAsync(order.Items![0].EsimId!, None);
        var applied = await sandbox.Client.ApplyAsync(order.Items[0].EsimId!, null, None);

        Assert.Equal(("ref-123456", RoamifyOrderStatus.Completed, "api", 9m, "USD"), (order.ReferenceId, order.Status, order.OrderType, order.Total, order.Currency));
        Assert.Equal(2, order.Items.Select(i => i.EsimId).Distinct().Count());
        Assert.All(order.Items, i => Assert.Equal((Japan1Gb, "1 GB - 7 Days", "esim", 4.50m), (i.PackageId, i.Package, i.Type, i.Price)));
        Assert.Equal(RoamifyEsimStatus.New, before.Status);
        Assert.False(before.HasProfile);
        Assert.Null(before.Iccid);
        Assert.Equal(RoamifyEsimStatus.Ready, applied.Status);
        Assert.Equal($"https://esimsetup.apple.com/esim_qrcode_provisioning?carddata={applied.Esim!.LpaCode}", applied.Esim.IosQuickInstall);
        Assert.StartsWith("https://esimsetup.android.com/esim_qrcode_provisioning?carddata=LPA:1$", applied.Esim.AndroidQuickInstall);
    }

    [Fact]
    public async Task Applying_an_applied_esim_again_returns_the_same_profile()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var order = await sandbox.Client.CreateOrderAsync([new RoamifyOrderItemRequest(Japan1Gb, 1)], null, None);

        var first = await sandbox.Client.ApplyAsync(order.Items![0].EsimId!, null, None);
        var second = await sandbox.Client.ApplyAsync(order.Items[0].EsimId!, null, None);

        Assert.Equal((first.Iccid, first.Esim!.LpaCode), (second.Iccid, second.Esim!.LpaCode));
    }

    [Fact]
    public async Task A_travel_date_package_is_applied_with_the_travel_start_date()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var travel = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20);

        var esim = await sandbox.BuyAsync(JapanUnlimited, travelStart: travel);

        Assert.Equal(travel.ToString("yyyy-MM-dd"), (string?)(await sandbox.EsimStateAsync(esim.Iccid))["start_date"]);
    }

    [Fact]
    public async Task A_travel_date_package_ordered_without_a_date_starts_today_in_utc()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        var esim = await sandbox.BuyAsync(JapanUnlimited);

        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd"), (string?)(await sandbox.EsimStateAsync(esim.Iccid))["start_date"]);
    }

    [Fact]
    public async Task A_package_without_the_travel_date_requirement_is_applied_without_a_start_date()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        var esim = await sandbox.BuyAsync(Japan1Gb, travelStart: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3));

        Assert.Null((string?)(await sandbox.EsimStateAsync(esim.Iccid))["start_date"]);
    }

    [Fact]
    public async Task Apply_of_a_travel_date_package_without_start_date_fails_with_start_date_required()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var order = await sandbox.Client.CreateOrderAsync([new RoamifyOrderItemRequest(JapanUnlimited, 1)], null, None);

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => sandbox.Client.ApplyAsync(order.Items![0].EsimId!, null, None));

        Assert.Equal((400, RoamifyErrorCodes.StartDateRequired), (error.HttpStatus, error.Code));
        Assert.False(error.Retryable);
        Assert.False(error.OutcomeUnknown);
    }

    [Fact]
    public async Task Apply_with_a_start_date_in_the_past_fails_with_invalid_start_date()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var order = await sandbox.Client.CreateOrderAsync([new RoamifyOrderItemRequest(JapanUnlimited, 1)], null, None);

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() =>
            sandbox.Client.ApplyAsync(order.Items![0].EsimId!, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2), None));

        Assert.Equal((400, RoamifyErrorCodes.InvalidStartDate), (error.HttpStatus, error.Code));
    }

    [Fact]
    public async Task Slow_profile_generation_is_waited_for_while_the_request_is_held()
    {
        await using var sandbox = await RoamifySandbox.StartAsync(o => o.ApplyDelay = TimeSpan.FromSeconds(1));

        var esim = await sandbox.BuyAsync(Japan1Gb);

        Assert.StartsWith("LPA:1$", esim.ActivationCode);
    }

    [Fact]
    public async Task Pending_processing_answers_are_followed_by_polling_the_esim_until_its_profile_is_ready()
    {
        await using var sandbox = await RoamifySandbox.StartAsync(o =>
        {
            o.ApplyDelay = TimeSpan.FromSeconds(1.5);
            o.ApplyPendingProbability = 1;
        });

        var esim = await sandbox.BuyAsync(Japan1Gb);

        Assert.StartsWith("LPA:1$", esim.ActivationCode);
        Assert.Single(await sandbox.OrdersAsync());
    }

    [Fact]
    public async Task An_apply_that_outlasts_its_timeout_is_followed_by_polling_the_esim()
    {
        await using var sandbox = await RoamifySandbox.StartAsync(o => o.ApplyDelay = TimeSpan.FromSeconds(2));
        var impatient = sandbox.ProviderWith(o => o.ApplyTimeout = TimeSpan.FromSeconds(0.5));

        var esim = await impatient.CreateEsimAsync(new ProvisionRequest("ORD-9", "Ken", Japan1Gb), None);

        Assert.StartsWith("LPA:1$", esim.ActivationCode);
    }

    [Fact]
    public async Task A_profile_not_ready_within_the_wait_limit_is_outcome_unknown_and_found_by_reference_later()
    {
        await using var sandbox = await RoamifySandbox.StartAsync(o =>
        {
            o.ApplyDelay = TimeSpan.FromSeconds(2);
            o.ApplyPendingProbability = 1;
        });
        var hasty = sandbox.ProviderWith(o => o.ApplyWaitLimit = TimeSpan.FromSeconds(0.5));
        var request = new ProvisionRequest("ORD-11", "Ken", Japan1Gb);

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => hasty.CreateEsimAsync(request, None));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var found = await sandbox.Provider.FindEsimAsync(request, None);

        Assert.Equal(RoamifyErrorCodes.ProfileNotReady, error.Code);
        Assert.True(error.OutcomeUnknown);
        Assert.True(error.Retryable);
        Assert.NotNull(found);
        Assert.StartsWith("LPA:1$", found.ActivationCode);
        Assert.Single(await sandbox.OrdersAsync());
    }

    [Fact]
    public async Task Instant_order_answers_with_the_generated_esims()
    {
        await using var sandbox = await RoamifySandbox.StartAsync(o => o.ApplyDelay = TimeSpan.FromMilliseconds(300));

        var order = await sandbox.Client.CreateInstantOrderAsync([new RoamifyOrderItemRequest(Japan1Gb, 1)], "ORD-I", None);

        var esim = Assert.Single(order.Esims!);
        Assert.True(esim.HasProfile);
        Assert.Equal(RoamifyEsimStatus.Ready, esim.Status);
        Assert.Null(order.Items);
    }

    [Fact]
    public async Task Charging_at_apply_leaves_the_balance_alone_until_the_profile_is_generated()
    {
        await using var sandbox = await RoamifySandbox.StartAsync(o => o.ChargeAt = "apply");

        var order = await sandbox.Client.CreateOrderAsync([new RoamifyOrderItemRequest(Japan1Gb, 1)], null, None);
        var afterOrder = await sandbox.BalanceAsync();
        await sandbox.Client.ApplyAsync(order.Items![0].EsimId!, null, None);
        await sandbox.Client.ApplyAsync(order.Items[0].EsimId!, null, None);

        Assert.Equal(500m, afterOrder);
        Assert.Equal(495.50m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task Provider_announces_what_roamify_can_do()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var provider = sandbox.Provider;
        var request = new ProvisionRequest("ORD-1", "Ana", Japan1Gb);
        var esim = await provider.CreateEsimAsync(request, None);

        Assert.Equal("roamify", provider.Name);
        Assert.Equal(["IResellerBalance", "ITopUps", "IWebhookEvents"], Capabilities.Of(provider));
        Assert.NotNull(esim.ActivationCode);
        Assert.Equal(495.50m, await provider.GetResellerBalanceAsync(None));
    }

    private static bool LuhnValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }
}
