using Storefront.Features.Install;
using Storefront.Tests.Support;

namespace Storefront.Tests.Email;

public sealed class InstallDetailsTests
{
    [Fact]
    public void Lpa_code_gives_the_smdp_address_the_matching_id_and_encoded_install_links()
    {
        var details = InstallDetails.Parse("LPA:1$sim-smdp.citrus.test$K2ABCDEF");

        Assert.Equal("sim-smdp.citrus.test", details.SmdpAddress);
        Assert.Equal("K2ABCDEF", details.MatchingId);
        Assert.Equal("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%3A1%24sim-smdp.citrus.test%24K2ABCDEF", details.IosInstallUrl);
        Assert.Equal("https://esimsetup.android.com/esim_qrcode_provisioning?carddata=LPA%3A1%24sim-smdp.citrus.test%24K2ABCDEF", details.AndroidInstallUrl);
    }

    [Theory]
    [InlineData("1$smdp.example.com$ABC", "LPA:1$smdp.example.com$ABC")]
    [InlineData("LPA:1$smdp.example.com$$TOKEN", "LPA:1$smdp.example.com$$TOKEN")]
    public void Codes_without_the_prefix_or_with_an_empty_matching_id_are_accepted(string input, string normalized) =>
        Assert.Equal(normalized, InstallDetails.Parse(input).ActivationCode);

    [Theory]
    [InlineData("ABCD1234")]
    [InlineData("LPA:2$smdp$abc")]
    [InlineData("LPA:1$$abc")]
    public void Codes_that_are_not_lpa_strings_are_refused(string input) =>
        Assert.Throws<FormatException>(() => InstallDetails.Parse(input));

    [Fact]
    public async Task Qr_code_decodes_back_to_the_activation_code()
    {
        var details = InstallDetails.Parse("LPA:1$sim-smdp.citrus.test$QRTEST123");
        var file = Path.Combine(Path.GetTempPath(), $"qr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, details.QrPng());
        try
        {
            Assert.Equal(details.ActivationCode, await Zbar.DecodeAsync(file));
        }
        finally { File.Delete(file); }
    }
}
