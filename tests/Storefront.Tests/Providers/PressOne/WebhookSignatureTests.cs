using System.Text;
using Storefront.Providers;
using Storefront.Providers.PressOne;

namespace Storefront.Tests.Providers.PressOne;

/// <summary>
/// Airalo's notification signature, checked against the vector computed in docs/providers/pressone.md §3.3.14.
/// </summary>
public class WebhookSignatureTests
{
    private const string Secret = "client_secret_test";
    private const string LowDataBody = """{"level":"90%","package_name":"bonbon-7gb-10days","remaining_percentage":10,"iccid":"87123123456889019"}""";
    private const string LowDataSignature =
        "2f4427e46ff51899117a2dfae2724d3149a197f62fa95c5ef36a71c1872751b06b11ea6dc534548d7ea7fcd9786c78dcae331512d0337a423f707e631f8e14f2";

    private static readonly PressOneProvider Provider = new(null!, TimeProvider.System);

    [Fact]
    public void Signature_of_the_documented_vector_is_the_hmac_sha512_of_the_body()
    {
        Assert.Equal(LowDataSignature, PressOneWebhook.Sign(Encoding.UTF8.GetBytes(LowDataBody), Secret));
        Assert.True(PressOneWebhook.IsSignatureValid(LowDataSignature.ToUpperInvariant(), Encoding.UTF8.GetBytes(LowDataBody), Secret));
    }

    [Fact]
    public void Low_data_notification_with_a_valid_signature_is_a_balance_low_event_for_its_iccid()
    {
        var e = Provider.ParseWebhook(new Dictionary<string, string> { ["Airalo-Signature"] = LowDataSignature },
            Encoding.UTF8.GetBytes(LowDataBody), Secret);

        Assert.NotNull(e);
        Assert.Equal((ProviderEventKind.BalanceLow, PressOneWebhook.LowData, "87123123456889019"), (e.Kind, e.Type, e.Iccid));
        Assert.StartsWith("airalo-", e.Id);
    }

    [Fact]
    public void Notification_with_a_wrong_or_missing_signature_is_rejected()
    {
        var body = Encoding.UTF8.GetBytes(LowDataBody);

        Assert.Null(Provider.ParseWebhook(new Dictionary<string, string> { ["airalo-signature"] = LowDataSignature }, body, "another_secret"));
        Assert.Null(Provider.ParseWebhook(new Dictionary<string, string>(), body, Secret));
        Assert.Null(Provider.ParseWebhook(new Dictionary<string, string> { ["airalo-signature"] = LowDataSignature }, body, null));
    }

    [Fact]
    public void Credit_limit_notification_reports_the_remaining_reseller_credit()
    {
        var body = Encoding.UTF8.GetBytes("""{"message":"Surpassed 80% of the credit limit balance","remaining":225.35}""");

        var e = Provider.ParseWebhook(new Dictionary<string, string> { ["airalo-signature"] = PressOneWebhook.Sign(body, Secret) }, body, Secret);

        Assert.Equal((ProviderEventKind.ResellerBalanceLow, 225.35m, null), (e!.Kind, e.ResellerBalanceUsd, e.Iccid));
    }

    [Fact]
    public void Expiry_warning_is_passed_on_as_another_event_and_the_same_body_keeps_its_id()
    {
        var body = Encoding.UTF8.GetBytes("""{"level":"1days","package_name":"bonbon-7gb-10days","remaining_percentage":43,"iccid":"87123123456889019"}""");
        var headers = new Dictionary<string, string> { ["airalo-signature"] = PressOneWebhook.Sign(body, Secret) };

        var first = Provider.ParseWebhook(headers, body, Secret);
        var again = Provider.ParseWebhook(headers, body, Secret);

        Assert.Equal(ProviderEventKind.Other, first!.Kind);
        Assert.Equal(first.Id, again!.Id);
    }
}
