using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Storefront.Providers;
using Storefront.Providers.Citrus;
using Storefront.Providers.PressOne;
using Storefront.Providers.Roamify;

namespace Storefront.Tests.Providers;

/// <summary>
/// Each provider's webhook parsing takes the formats its notes and official SDKs produce: a timestamp the store
/// barely uses never drops the event, and PressOne verifies the signature the Airalo SDK makes over its re-serialised body.
/// </summary>
public sealed class WebhookFormatTests
{
    private const string Secret = "whsec_5f1c0a9d2b7e4c3a8f6d1e0b9a7c5d3e";
    private static readonly CitrusProvider Citrus = new(null!, TimeProvider.System);
    private static readonly RoamifyProvider Roamify = new(null!, Options.Create(new RoamifyOptions()), TimeProvider.System);
    private static readonly PressOneProvider PressOne = new(null!, TimeProvider.System);

    [Theory]
    [InlineData("\"2026-08-21T00:00:00.000Z\"", "2026-08-21T00:00:00Z")]
    [InlineData("\"2026-08-21T02:00:00+02:00\"", "2026-08-21T00:00:00Z")]
    [InlineData("\"2026-08-21 00:00:00\"", "2026-08-21T00:00:00Z")]
    [InlineData("1787270400", "2026-08-21T00:00:00Z")]
    [InlineData("1787270400000", "2026-08-21T00:00:00Z")]
    [InlineData("\"1787270400\"", "2026-08-21T00:00:00Z")]
    [InlineData("\"next tuesday\"", null)]
    [InlineData("{}", null)]
    public void A_Citrus_event_is_kept_whatever_format_its_timestamp_is_in(string createdAt, string? expected)
    {
        var body = Encoding.UTF8.GetBytes($$$"""{"id":"evt_01J","event":"esim.activated","created_at":{{{createdAt}}},"data":{"iccid":"8910300000058398140"}}""");

        var e = Citrus.ParseWebhook(CitrusHeaders(body), body, Secret);

        Assert.NotNull(e);
        Assert.Equal((ProviderEventKind.Activated, "8910300000058398140"), (e.Kind, e.Iccid));
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected), e.At);
    }

    [Fact]
    public void A_signed_Citrus_body_without_an_event_id_is_unreadable_not_a_bad_signature()
    {
        var body = Encoding.UTF8.GetBytes("""{"event":"esim.activated","data":{"iccid":"8910300000058398140"}}""");

        Assert.Throws<JsonException>(() => Citrus.ParseWebhook(CitrusHeaders(body), body, Secret));
    }

    [Theory]
    [InlineData("1700000000")]
    [InlineData("1700000000000")]
    [InlineData("\"2023-11-14T22:13:20Z\"")]
    [InlineData("1700000000.25")]
    public void A_Roamify_status_event_is_kept_whatever_format_its_timestamp_is_in(string timestamp)
    {
        var body = Encoding.UTF8.GetBytes($$$"""{"event_category":"esim","event_type":"status","data":{"timestamp":{{{timestamp}}},"iccid":"8991234567890123456","start":"soon","status":"ACTIVATED"}}""");
        var headers = new Dictionary<string, string> { [RoamifyWebhook.SignatureHeader] = RoamifyWebhook.Sign(body, Secret) };

        var e = Roamify.ParseWebhook(headers, body, Secret);

        Assert.NotNull(e);
        Assert.Equal((ProviderEventKind.Activated, "8991234567890123456"), (e.Kind, e.Iccid));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), e.At);
    }

    [Theory]
    [InlineData("""{"request_id":"r-1","message":"done","qrcode_url":"https://sandbox.airalo.com/qr/abc.png"}""")]
    [InlineData("""
        {
          "level": "90%",
          "package_name": "bonbon/7gb",
          "remaining_percentage": 10,
          "iccid": "87123123456889019",
          "note": "Zürich – 5 €"
        }
        """)]
    public void A_PressOne_notification_signed_as_the_Airalo_SDK_signs_it_is_accepted(string wire)
    {
        // The SDK's signature: json.dumps(payload, separators=(",", ":")) with "/" replaced by "\/" (ASCII only).
        var signed = Encoding.ASCII.GetBytes(AiraloSdkJson(wire));
        var headers = new Dictionary<string, string> { [PressOneWebhook.SignatureHeader] = PressOneWebhook.Sign(signed, Secret) };

        Assert.NotNull(PressOne.ParseWebhook(headers, Encoding.UTF8.GetBytes(wire), Secret));
        Assert.Null(PressOne.ParseWebhook(headers, Encoding.UTF8.GetBytes(wire.Replace("90%", "75%").Replace("done", "failed")), Secret));
    }

    private static Dictionary<string, string> CitrusHeaders(byte[] body) => new()
    {
        [CitrusWebhook.SignatureHeader] = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body)),
    };

    /// <summary>What Python's json.dumps writes by default (ensure_ascii), compact, then the SDK's slash escaping.</summary>
    private static string AiraloSdkJson(string wire)
    {
        var compact = JsonSerializer.Serialize(JsonDocument.Parse(wire).RootElement,
            new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var ascii = new StringBuilder();
        foreach (var c in compact) ascii.Append(c > '~' ? $"\\u{(int)c:x4}" : c.ToString());
        return ascii.ToString().Replace("/", "\\/");
    }
}
