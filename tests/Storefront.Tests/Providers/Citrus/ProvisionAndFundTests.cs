using Storefront.Domain;
using Storefront.Tests.Support;
using Storefront.Providers;
using Storefront.Providers.Citrus;
using Storefront.Sandbox.Citrus;

namespace Storefront.Tests.Providers.Citrus;

public class ProvisionAndFundTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Provision_fund_and_get_give_a_funded_pending_esim_whose_qr_code_scans_to_its_lpa()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();

        var provisioned = await sandbox.Client.ProvisionAsync("order_1001", "Maria G. - Japan", None);
        var funded = await sandbox.Client.FundAsync(provisioned.Iccid, 30m, None);
        var esim = await sandbox.Client.GetEsimAsync(provisioned.Iccid, None);

        Assert.Matches("^891030[0-9]{13}$", esim.Iccid);
        Assert.StartsWith("esim_", esim.Id);
        Assert.Matches(@"^LPA:1\$sim-smdp\.citrus\.test\$[A-Z2-7]+$", esim.LpaString);
        Assert.Equal("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=" + Uri.EscapeDataString(esim.LpaString!), esim.DirectInstallUrl);
        Assert.Equal(CitrusEsimStatus.Pending, esim.Status);
        Assert.Equal("order_1001", esim.EndUserReference);
        Assert.Equal("Maria G. - Japan", esim.Label);
        Assert.Equal(1.75m, provisioned.Cost);
        Assert.Equal(498.25m, provisioned.BalanceRemaining);
        Assert.Equal(30m, funded.FundedUsd);
        Assert.Equal(29.99m, esim.WalletBalanceUsd); // retail model: floor(30 / 0.9) = 33.33 retail, × 0.9 = 29.997
        Assert.Equal(esim.LpaString, await ScanQrAsync(esim.QrCode!));
    }

    [Theory]
    [InlineData("20", "19.99")]
    [InlineData("9", "9.00")]
    [InlineData("18", "18.00")]
    [InlineData("27", "27.00")]
    public async Task Wallet_shows_the_funded_amount_rounded_down_by_the_retail_model(string fund, string shown)
    {
        await using var sandbox = await CitrusSandbox.StartAsync();

        var esim = await sandbox.ProvisionFundedAsync(decimal.Parse(fund));

        Assert.Equal(decimal.Parse(shown), (await sandbox.Client.GetEsimAsync(esim.Iccid, None)).WalletBalanceUsd);
    }

    [Fact]
    public async Task Floor_cents_rounding_model_shows_twenty_dollars_as_twenty()
    {
        await using var sandbox = await CitrusSandbox.StartAsync(o => o.RoundingModel = CitrusRoundingModels.FloorCents);

        var esim = await sandbox.ProvisionFundedAsync(20m);

        Assert.Equal(20m, (await sandbox.Client.GetEsimAsync(esim.Iccid, None)).WalletBalanceUsd);
    }

    [Fact]
    public async Task Reseller_balance_is_debited_the_fee_at_provision_and_the_amount_once_at_fund()
    {
        await using var sandbox = await CitrusSandbox.StartAsync(o => o.StartingBalanceUsd = 100m);

        await sandbox.ProvisionFundedAsync(30m);

        var balance = await sandbox.Client.GetWalletBalanceAsync(None);
        Assert.Equal(100m - 1.75m - 30m, balance.BalanceUsd);
        Assert.Equal("USD", balance.Currency);
        Assert.Equal(68.25m, await sandbox.Provider.GetResellerBalanceAsync(None));
        Assert.Equal(68.25m, (await sandbox.Client.GetAccountAsync(None)).BalanceUsd);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10000.01")]
    [InlineData("-5")]
    public async Task Fund_amount_outside_one_cent_to_ten_thousand_is_refused_before_calling_citrus(string amount)
    {
        await using var sandbox = await CitrusSandbox.StartAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sandbox.Client.FundAsync("8910300000000000000", decimal.Parse(amount), None));
    }

    [Fact]
    public async Task Fund_amount_with_fractions_of_a_cent_is_refused_before_calling_citrus()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => sandbox.Client.FundAsync("8910300000000000000", 10.005m, None));
    }

    [Fact]
    public async Task Provider_creates_funds_and_reads_an_esim_through_its_capabilities()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var provider = sandbox.Provider;
        var request = new ProvisionRequest("ORD-42", "Ana - Spain", PackageId: null);

        var esim = await provider.CreateEsimAsync(request, None);
        Assert.False(await provider.IsFundedAsync(esim.Iccid, 20m, None));
        await provider.FundAsync(esim.Iccid, 20m, None);
        var reading = await provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal("citrus", provider.Name);
        Assert.IsAssignableFrom<IWalletFunding>(provider);
        Assert.IsAssignableFrom<ITopUps>(provider);
        Assert.StartsWith("LPA:1$", esim.ActivationCode);
        Assert.StartsWith("data:image/png;base64,", esim.QrCodePngDataUrl);
        Assert.Equal("ORD-42", esim.UpstreamOrderReference);
        Assert.True(await provider.IsFundedAsync(esim.Iccid, 20m, None));
        Assert.Equal(EsimState.NotInstalled, reading.State);
        Assert.Equal(19.99m, reading.WalletBalanceUsd);
        Assert.Null(reading.ActivatedAt);
    }

    [Fact]
    public async Task Top_up_adds_to_the_wallet_of_an_existing_esim()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var esim = await sandbox.ProvisionFundedAsync(9m);

        await sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("topup-1", null, 18m), None);

        Assert.Equal(27m, (await sandbox.Client.GetEsimAsync(esim.Iccid, None)).WalletBalanceUsd);
    }

    /// <summary>Decodes the data-URL PNG with zbarimg (installed by scripts/test.sh).</summary>
    private static async Task<string> ScanQrAsync(string dataUrl)
    {
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, dataUrl);
        var file = Path.Combine(Path.GetTempPath(), $"citrus-qr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, Convert.FromBase64String(dataUrl[prefix.Length..]));
        try { return await Zbar.DecodeAsync(file); }
        finally { File.Delete(file); }
    }
}
