using Storefront.Tests.Support;
using Storefront.Features.Install;
using Storefront.Providers;
using Storefront.Providers.Esimfly;

namespace Storefront.Tests.Providers.Esimfly;

public class OrderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Order_gives_an_esim_whose_activation_code_parses_for_install()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var esim = await sandbox.BuyAsync("PHAJHEAYP", "ORD-100");

        var install = InstallDetails.Parse(esim.ActivationCode);
        Assert.Equal("rsp.esimfly.test", install.SmdpAddress);
        Assert.Matches("^[0-9A-F]{32}$", install.MatchingId);
        Assert.Matches("^8943108170[0-9]{9}$", esim.Iccid);
        Assert.Matches("^order_[0-9]{13}_[a-z0-9]{5}$", esim.UpstreamOrderReference);
        Assert.NotNull(esim.UpstreamId);
        Assert.StartsWith("data:image/png;base64,", esim.QrCodePngDataUrl);
        Assert.Equal(500m - 1.44m, await sandbox.Provider.GetResellerBalanceAsync(None));
    }

    [Fact]
    public async Task Iccids_carry_a_valid_luhn_check_digit()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var result = await sandbox.Client.OrderAsync("FR1GB7D", 3, None);

        Assert.Equal(3, result.Esims!.Count);
        Assert.All(result.Esims, e => Assert.Equal(e.Iccid![^1] - '0', Storefront.Sandbox.Esimfly.EsimflySimulatorState.LuhnDigit(e.Iccid[..^1])));
        Assert.Equal(3.30m, result.Amount);
        Assert.Equal(500m - 3.30m, result.NewBalance);
        Assert.Equal(0.24m, result.Profit);
    }

    [Fact]
    public async Task Provider_is_a_package_provider_with_top_ups_balance_and_usage()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var provider = sandbox.Provider;
        var request = new ProvisionRequest("ORD-101", "Ana - Spain", "ES-3GB-15D");

        var esim = await provider.CreateEsimAsync(request, None);

        Assert.Equal("esimfly", provider.Name);
        Assert.Equal(["IResellerBalance", "ITopUps"], Capabilities.Of(provider));
        Assert.NotNull(esim.ActivationCode);
        Assert.Equal(1, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task Operations_v1_lacks_are_not_in_its_contract()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var provider = sandbox.Provider;

        IEsimProvider contract = provider;
        Assert.False(contract is ISuspendResume or ITermination or IThrottling or IWalletFunding);
    }

    [Fact]
    public async Task An_order_without_a_package_is_refused_before_calling_esimfly()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            sandbox.Provider.CreateEsimAsync(new ProvisionRequest("ORD-102", "x", null), None));

        Assert.Equal(0, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task An_asynchronous_order_is_polled_until_its_esim_is_ready()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(o => o.AsyncProvisioningDelay = TimeSpan.FromSeconds(1));

        var esim = await sandbox.BuyAsync("RB85_4D", "ORD-103");

        Assert.StartsWith("LPA:1$", esim.ActivationCode);
        var order = await sandbox.Client.GetOrderAsync(esim.UpstreamOrderReference!, None);
        Assert.Equal((EsimflyOrderStatus.Completed, 12L * 1024 * 1024 * 1024, 4), (order.Status, order.Esim!.TotalVolume, order.Esim.TotalDuration));
    }

    [Fact]
    public async Task A_pending_order_shows_no_esim_yet()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var result = await sandbox.Client.OrderAsync("RB85_4D", 1, None);
        var order = await sandbox.Client.GetOrderAsync(result.OrderReference, None);

        Assert.Equal((EsimflyOrderStatus.PendingDetails, true), (result.Status, result.IsPending));
        Assert.Empty(result.Esims!);
        Assert.Equal(500m - 5.85m, result.NewBalance);
        Assert.Equal((null, true), (order.Esim!.Iccid, order.Esim.IsPending));
    }

    [Fact]
    public async Task An_order_still_pending_after_the_poll_timeout_is_found_later_without_buying_again()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(o => o.AsyncOrders = true);
        var provider = sandbox.ProviderWith(o => o.OrderPollTimeout = TimeSpan.FromMilliseconds(300));
        var request = new ProvisionRequest("ORD-104", "Ken - Japan", "JP-3GB-7D");

        var pending = await Assert.ThrowsAsync<EsimflyApiException>(() => provider.CreateEsimAsync(request, None));
        var stillPending = await Assert.ThrowsAsync<EsimflyApiException>(() => provider.FindEsimAsync(request, None));
        await sandbox.AdvanceAsync(TimeSpan.FromMinutes(2));
        var found = await provider.FindEsimAsync(request, None);

        Assert.Equal((EsimflyErrorCodes.OrderPending, true, true), (pending.Code, pending.Retryable, pending.OutcomeUnknown));
        Assert.Equal(EsimflyErrorCodes.OrderPending, stillPending.Code);
        Assert.NotNull(found);
        Assert.StartsWith("LPA:1$", found.ActivationCode);
        Assert.Equal(1, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task Order_history_lists_orders_newest_first_with_amounts()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var first = await sandbox.BuyAsync("PHAJHEAYP", "ORD-105");
        var second = await sandbox.BuyAsync("DE-5GB-30D", "ORD-106");

        var page = await sandbox.Client.ListOrdersAsync(new EsimflyOrderQuery { Status = "completed" }, None);

        Assert.Equal([second.UpstreamOrderReference, first.UpstreamOrderReference], page.Orders!.Select(o => o.OrderReference));
        Assert.Equal(("DE-5GB-30D", 4.75m, "USD"), (page.Orders![0].PackageCode, page.Orders[0].Amount, page.Orders[0].Currency));
        Assert.Equal((2, 6.19m), (page.Summary!.TotalOrders, page.Summary.TotalRevenue));
    }
}
