using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.CloudeSim;

namespace Storefront.Tests.Providers.CloudeSim;

/// <summary>
/// Cancel refunds the full amount (seed), and only for an eSIM never installed nor used
/// (docs/providers/cloudesim.md §5.2).
/// </summary>
public class CancelTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Cancelling_an_unused_esim_refunds_its_full_price_to_the_balance()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync("ESIM_5GB_30D_JP");

        var refunded = await sandbox.Provider.TerminateAsync(esim.Iccid, None);

        Assert.Equal(14.00m, refunded);
        Assert.Equal(500m, await sandbox.BalanceAsync());
        Assert.Equal(EsimState.Terminated, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).State);
    }

    [Fact]
    public async Task The_refund_includes_top_ups_bought_for_the_esim()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync("ESIM_1GB_7D_US");
        await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "TOPUP_1GB_7D_US", null), None);

        Assert.Equal(6.50m, await sandbox.Provider.TerminateAsync(esim.Iccid, None));
        Assert.Equal(500m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task Cancel_by_order_number_returns_that_order_number()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync();

        var orderNo = await sandbox.Client.CancelAsync(null, esim.UpstreamOrderReference, None);

        Assert.Equal(esim.UpstreamOrderReference, orderNo);
        Assert.Equal(500m, await sandbox.BalanceAsync());
    }

    [Theory]
    [InlineData("install")]
    [InlineData("usage")]
    public async Task An_installed_or_used_esim_cannot_be_cancelled_and_nothing_is_refunded(string what)
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync();
        if (what == "install") await sandbox.SimAsync($"esim/{esim.Iccid}/install");
        else await sandbox.UseAsync(esim.Iccid, 1);

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.TerminateAsync(esim.Iccid, None));

        Assert.Equal((CloudeSimErrorCodes.InvalidStatus, false), (error.Code, error.OutcomeUnknown));
        Assert.Contains("cannot be cancelled", error.UpstreamMessage);
        Assert.Equal(500m - 3.50m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task A_cancelled_esim_cannot_be_cancelled_again()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.OrderAsync();
        await sandbox.Provider.TerminateAsync(esim.Iccid, None);

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.TerminateAsync(esim.Iccid, None));

        Assert.Equal(CloudeSimErrorCodes.InvalidStatus, error.Code);
        Assert.Equal(500m, await sandbox.BalanceAsync());
    }
}
