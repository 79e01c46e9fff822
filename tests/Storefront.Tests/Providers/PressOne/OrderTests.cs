using Storefront.Tests.Support;
using Storefront.Features.Install;
using Storefront.Providers;
using Storefront.Providers.PressOne;
using Storefront.Sandbox.PressOne;

namespace Storefront.Tests.Providers.PressOne;

public class OrderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Order_returns_an_esim_whose_lpa_parses_into_the_smdp_address_and_matching_id()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var esim = await sandbox.BuyAsync();

        var install = InstallDetails.Parse(esim.ActivationCode);
        Assert.Equal(PressOneSimulatorState.SmdpAddress, install.SmdpAddress);
        Assert.Matches("^[A-F0-9]{4}(-[A-F0-9]{4}){3}$", install.MatchingId);
        Assert.Matches("^89[0-9]{17}$", esim.Iccid);
        Assert.Matches(@"^\d{8}-000001$", esim.UpstreamOrderReference);
        Assert.NotNull(esim.UpstreamId);
    }

    [Fact]
    public async Task Order_charges_the_net_price_once()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        await sandbox.BuyAsync();

        Assert.Equal(492m, await sandbox.Provider.GetResellerBalanceAsync(None));
        Assert.Equal(1, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task Order_is_described_by_the_order_reference()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var esim = await sandbox.BuyAsync(reference: "ORD-2026-0042");

        var order = Assert.Single((await sandbox.Client.ListOrdersAsync(null, true, null, null, None)).Data);
        Assert.Equal(("ORD-2026-0042", PressOnePackageTypes.Sim, PressOneSandbox.JapanPackage), (order.Description, order.Type, order.PackageId));
        Assert.Equal(esim.Iccid, Assert.Single(order.Sims!).Iccid);
        Assert.Equal(("completed", 1, 8m), (order.Status?.Slug, order.Quantity, order.NetPrice));
    }

    [Fact]
    public async Task Earlier_order_is_found_by_its_reference_and_not_by_a_longer_one()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var first = await sandbox.BuyAsync(reference: "ORD-1");
        await sandbox.BuyAsync(reference: "ORD-10");

        var found = await sandbox.Provider.FindEsimAsync(new ProvisionRequest("ORD-1", "Ken", PressOneSandbox.JapanPackage), None);
        var missing = await sandbox.Provider.FindEsimAsync(new ProvisionRequest("ORD-2", "Ken", PressOneSandbox.JapanPackage), None);

        Assert.Equal(first, found);
        Assert.Null(missing);
    }

    [Fact]
    public async Task Esim_details_show_the_install_codes_and_the_order_that_made_it()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyAsync(reference: "ORD-77");

        var sim = await sandbox.Client.GetEsimAsync(esim.Iccid, includeOrder: true, None);

        Assert.Equal(esim.ActivationCode, sim.Qrcode);
        Assert.Equal(esim.ActivationCode, $"LPA:1${sim.Lpa}${sim.MatchingId}");
        Assert.Equal(InstallDetails.Parse(esim.ActivationCode).IosInstallUrl, sim.DirectAppleInstallationUrl);
        Assert.False(sim.Recycled);
        Assert.Equal(("ORD-77", 15, 10m, "completed"), (sim.Simable!.Description, sim.Simable.Validity, sim.Simable.Price, sim.Simable.Status?.Slug));
    }

    [Fact]
    public async Task Installation_instructions_give_qr_manual_and_network_steps_for_ios_and_android()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyAsync();

        var instructions = await sandbox.Client.GetInstructionsAsync(esim.Iccid, None);

        var ios = Assert.Single(instructions.Ios!);
        Assert.Equal(esim.ActivationCode, ios.InstallationViaQrCode!.QrCodeData);
        Assert.StartsWith("https://esimsetup.apple.com/", ios.InstallationViaQrCode.DirectAppleInstallationUrl);
        Assert.NotEmpty(ios.InstallationViaQrCode.Steps!);
        Assert.Contains(InstallDetails.Parse(esim.ActivationCode).MatchingId, ios.InstallationManual!.SmdpAddressAndActivationCode);
        Assert.Equal("automatic", ios.NetworkSetup!.ApnType);
        var android = Assert.Single(instructions.Android!);
        Assert.Null(android.InstallationViaQrCode!.DirectAppleInstallationUrl);
    }

    [Fact]
    public async Task Orders_list_filters_by_iccid_and_one_order_can_be_read_by_id()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        await sandbox.BuyAsync(reference: "ORD-1");
        var second = await sandbox.BuyAsync(PressOneSandbox.UaePackage, "ORD-2");

        var byIccid = await sandbox.Client.ListOrdersAsync(new PressOneOrderFilter { Iccid = second.Iccid }, true, null, null, None);
        var all = await sandbox.Client.ListOrdersAsync(null, false, 1, 1, None);
        var order = await sandbox.Client.GetOrderAsync(Assert.Single(byIccid.Data).Id, None);

        Assert.Equal("ORD-2", order.Description);
        Assert.Equal(second.Iccid, Assert.Single(order.Sims!).Iccid);
        Assert.Equal((2, 2, 1), (all.Meta!.Total, all.Meta.LastPage, all.Meta.PerPage));
        Assert.Null(Assert.Single(all.Data).Sims);
    }

    [Fact]
    public async Task Orders_list_filters_by_creation_date()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        await sandbox.BuyAsync();
        var today = DateOnly.FromDateTime(sandbox.State.Now.UtcDateTime);

        var todays = await sandbox.Client.ListOrdersAsync(new PressOneOrderFilter { CreatedFrom = today, CreatedTo = today }, false, null, null, None);
        var yesterdays = await sandbox.Client.ListOrdersAsync(new PressOneOrderFilter { CreatedFrom = today.AddDays(-1), CreatedTo = today.AddDays(-1) }, false, null, null, None);

        Assert.Single(todays.Data);
        Assert.Empty(yesterdays.Data);
    }

    [Fact]
    public async Task Esims_list_matches_part_of_an_iccid()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var first = await sandbox.BuyAsync(reference: "ORD-1");
        await sandbox.BuyAsync(reference: "ORD-2");

        var all = await sandbox.Client.ListEsimsAsync(null, false, null, null, None);
        var matching = await sandbox.Client.ListEsimsAsync(first.Iccid[^9..], true, null, null, None);

        Assert.Equal(2, all.Data.Count);
        var sim = Assert.Single(matching.Data);
        Assert.Equal(first.Iccid, sim.Iccid);
        Assert.Equal("ORD-1", sim.Simable?.Description);
    }

    [Fact]
    public async Task Reseller_balance_is_read_in_usd_and_follows_orders()
    {
        await using var sandbox = await PressOneSandbox.StartAsync(o => o.StartingBalanceUsd = 120.5m);

        var before = await sandbox.Client.GetBalanceAsync(None);
        await sandbox.BuyAsync(PressOneSandbox.UaePackage);

        Assert.Equal((120.5m, "USD"), (before.Amount, before.Currency));
        Assert.Equal(120.5m - 7.2m, await sandbox.Provider.GetResellerBalanceAsync(None));
    }

    [Fact]
    public async Task Plan_travels_with_the_order_itself()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var request = new ProvisionRequest("ORD-1", "Ken", PressOneSandbox.JapanPackage);
        var esim = await sandbox.Provider.CreateEsimAsync(request, None);

        Assert.IsNotAssignableFrom<IWalletFunding>(sandbox.Provider);
        Assert.NotNull(esim.ActivationCode);
        Assert.Equal(1, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task Capabilities_are_top_up_balance_and_webhooks_and_nothing_else()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var provider = sandbox.Provider;

        Assert.Equal("pressone", provider.Name);
        Assert.Equal(["IResellerBalance", "ITopUps", "IWebhookEvents"], Capabilities.Of(provider));
    }
}
