using System.Text;
using Storefront.Providers;
using Storefront.Providers.Esimfly;

namespace Storefront.Tests.Providers.Esimfly;

/// <summary>
/// The webhooks eSIMfly added after V1 (docs/providers/esimfly.md §1.5.10): verified and parsed, but not a capability
/// of the adapter.
/// </summary>
public class WebhookTests
{
    private const string Body = """{"event":"esim.provisioned","timestamp":"2026-04-13T10:05:30.000Z","data":{"order_reference":"order_1776079539762_hvkrk","iccid":"8981100000012345678"}}""";
    private const string Signature = "sha256=a0ae826eafe386342228bc7107cec7ba7ab793464ee03150409507220921a132";

    [Fact]
    public void Signature_matches_the_notes_test_vector()
    {
        Assert.Equal(Signature, EsimflyWebhook.Sign(Encoding.UTF8.GetBytes(Body), "whsec_test"));
        Assert.True(EsimflyWebhook.IsSignatureValid(Signature.ToUpperInvariant().Replace("SHA256=", "sha256="), Encoding.UTF8.GetBytes(Body), "whsec_test"));
    }

    [Fact]
    public async Task A_signed_delivery_is_parsed_and_a_forged_one_is_refused()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var headers = new Dictionary<string, string> { ["x-webhook-signature"] = Signature, ["X-Webhook-Id"] = "whd_1" };

        var parsed = sandbox.Provider.ParseWebhook(headers, Encoding.UTF8.GetBytes(Body), "whsec_test");
        var forged = sandbox.Provider.ParseWebhook(headers, Encoding.UTF8.GetBytes(Body.Replace("5678", "5679")), "whsec_test");
        var unsigned = sandbox.Provider.ParseWebhook(new Dictionary<string, string>(), Encoding.UTF8.GetBytes(Body), "whsec_test");

        Assert.NotNull(parsed);
        Assert.Equal(("whd_1", ProviderEventKind.Other, "esim.provisioned", "8981100000012345678"), (parsed.Id, parsed.Kind, parsed.Type, parsed.Iccid));
        Assert.Equal(new DateTimeOffset(2026, 4, 13, 10, 5, 30, TimeSpan.Zero), parsed.At);
        Assert.Null(forged);
        Assert.Null(unsigned);
        Assert.IsNotAssignableFrom<IWebhookEvents>(sandbox.Provider);
    }
}
