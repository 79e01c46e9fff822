using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Citrus;

/// <summary>
/// Verifies and reads Citrus webhook deliveries. The signature is an HMAC-SHA256 of the raw body keyed with the
/// webhook's signing secret, in <c>X-Citrus-Signature</c> (CODE: astroam-solana, noorlink;
/// docs/providers/citrus.md §2.5). Its encoding is undocumented (docs/providers/citrus.md §6.1): hex in either case,
/// with or without a <c>sha256=</c> prefix, is accepted.
/// </summary>
public static class CitrusWebhook
{
    public const string SignatureHeader = "X-Citrus-Signature";

    /// <summary>True when <paramref name="signatureHeader"/> is the HMAC of <paramref name="rawBody"/>; false when missing.</summary>
    public static bool IsSignatureValid(string? signatureHeader, ReadOnlySpan<byte> rawBody, string signingSecret)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader) || string.IsNullOrEmpty(signingSecret)) return false;
        var hex = signatureHeader.Trim();
        if (hex.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase)) hex = hex["sha256=".Length..];
        if (hex.Length != 64) return false;

        byte[] received;
        try { received = Convert.FromHexString(hex); }
        catch (FormatException) { return false; }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), rawBody);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    /// <summary>Reads the envelope <c>{id, event, created_at, data{…}}</c>; call only after the signature is verified.</summary>
    public static CitrusWebhookEvent Parse(ReadOnlySpan<byte> rawBody)
    {
        var envelope = JsonSerializer.Deserialize<CitrusWebhookEvent>(rawBody, CitrusJson.Options)
                       ?? throw new JsonException("The webhook body is JSON null.");
        if (string.IsNullOrEmpty(envelope.Event)) throw new JsonException("The webhook body has no event.");
        if (string.IsNullOrEmpty(envelope.Id)) throw new JsonException("The webhook body has no id.");
        return envelope with { Data = envelope.Data ?? new CitrusWebhookData(null, null, null, null, null) };
    }
}

/// <summary>
/// The <c>data</c> fields of the events the store uses; each event fills only some (docs/providers/citrus.md §2.5
/// table).
/// </summary>
public sealed record CitrusWebhookData(
    string? Iccid,
    decimal? WalletBalanceUsd,
    [property: JsonConverter(typeof(LenientTimestampConverter))] DateTimeOffset? ActivatedAt,
    decimal? BalanceUsd,
    decimal? ReturnedUsd);
