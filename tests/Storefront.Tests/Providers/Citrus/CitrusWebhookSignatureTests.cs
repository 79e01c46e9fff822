using System.Security.Cryptography;
using System.Text;
using Storefront.Providers.Citrus;

namespace Storefront.Tests.Providers.Citrus;

public class CitrusWebhookSignatureTests
{
    private const string Secret = "whsec_5f1c0a9d2b7e4c3a8f6d1e0b9a7c5d3e";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"id":"evt_01J","event":"esim.balance_low","created_at":"2026-08-21T00:00:00.000Z","data":{"iccid":"8910300000058398140","wallet_balance_usd":4.99}}""");

    private static string Hex(string secret, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    [Fact]
    public void Lowercase_hex_hmac_of_the_raw_body_is_valid() =>
        Assert.True(CitrusWebhook.IsSignatureValid(Hex(Secret, Body), Body, Secret));

    [Fact]
    public void Uppercase_hex_is_valid() =>
        Assert.True(CitrusWebhook.IsSignatureValid(Hex(Secret, Body).ToUpperInvariant(), Body, Secret));

    [Fact]
    public void Sha256_prefix_is_accepted() =>
        Assert.True(CitrusWebhook.IsSignatureValid("sha256=" + Hex(Secret, Body), Body, Secret));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_signature_is_rejected(string? header) =>
        Assert.False(CitrusWebhook.IsSignatureValid(header, Body, Secret));

    [Fact]
    public void Signature_made_with_another_secret_is_rejected() =>
        Assert.False(CitrusWebhook.IsSignatureValid(Hex("whsec_other", Body), Body, Secret));

    [Fact]
    public void Signature_of_a_changed_body_is_rejected()
    {
        var signature = Hex(Secret, Body);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("4.99", "49.9"));

        Assert.False(CitrusWebhook.IsSignatureValid(signature, tampered, Secret));
    }

    [Theory]
    [InlineData("not-hex-at-all")]
    [InlineData("abcd")]
    public void Malformed_signature_is_rejected(string header) =>
        Assert.False(CitrusWebhook.IsSignatureValid(header, Body, Secret));

    [Fact]
    public void Envelope_is_parsed_into_the_event_and_its_data()
    {
        var parsed = CitrusWebhook.Parse(Body);

        Assert.Equal("evt_01J", parsed.Id);
        Assert.Equal(CitrusEvents.EsimBalanceLow, parsed.Event);
        Assert.Equal(new DateTimeOffset(2026, 8, 21, 0, 0, 0, TimeSpan.Zero), parsed.CreatedAt);
        Assert.Equal("8910300000058398140", parsed.Data.Iccid);
        Assert.Equal(4.99m, parsed.Data.WalletBalanceUsd);
    }

    [Fact]
    public void Envelope_without_data_parses_with_empty_data()
    {
        var parsed = CitrusWebhook.Parse("""{"id":"evt_1","event":"webhook.test"}"""u8);

        Assert.Null(parsed.Data.Iccid);
    }
}
