using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Storefront.Providers.PressOne;

/// <summary>
/// Verifies and reads notifications in Airalo's v2 scheme, the only one the notes document for this API family
/// (docs/providers/pressone.md §3.3.14): the <c>airalo-signature</c> header is the hex HMAC-SHA512 of the raw body
/// keyed with the partner's client secret. PressOne's own pages describe no notifications
/// (docs/providers/pressone.md §3.1 #2), so this covers a PressOne account that sends Airalo's low-data, credit-limit
/// and async-order notifications unchanged. They carry no id; the body's hash stands in for one so that a retried
/// delivery is recognised.
/// </summary>
public static class PressOneWebhook
{
    public const string SignatureHeader = "airalo-signature";

    public const string LowData = "low_data";
    public const string CreditLimit = "credit_limit";
    public const string AsyncOrder = "async_order";
    public const string Unknown = "unknown";

    public static bool IsSignatureValid(string? signatureHeader, ReadOnlySpan<byte> rawBody, string signingSecret)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader) || string.IsNullOrEmpty(signingSecret)) return false;
        var hex = signatureHeader.Trim();
        if (hex.Length != 128) return false;

        byte[] received;
        try { received = Convert.FromHexString(hex); }
        catch (FormatException) { return false; }

        var expected = HMACSHA512.HashData(Encoding.UTF8.GetBytes(signingSecret), rawBody);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    public static string Sign(ReadOnlySpan<byte> rawBody, string signingSecret) =>
        Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(signingSecret), rawBody));

    /// <summary>Reads one notification; call only after the signature is verified.</summary>
    public static PressOneNotification Parse(ReadOnlySpan<byte> rawBody)
    {
        using var doc = JsonDocument.Parse(rawBody.ToArray());
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("The notification is not a JSON object.");
        var id = "airalo-" + Convert.ToHexStringLower(SHA256.HashData(rawBody))[..32];
        var iccid = Str(root, "iccid");
        var level = Str(root, "level");
        var type = level is not null && iccid is not null ? LowData
            : root.TryGetProperty("remaining", out _) && iccid is null ? CreditLimit
            : Str(root, "request_id") is not null ? AsyncOrder
            : Unknown;
        return new PressOneNotification(id, type, iccid, level, Str(root, "package_name"), Dec(root, "remaining_percentage"),
            Dec(root, "remaining"), Str(root, "message"), Str(root, "request_id"));

        static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        static decimal? Dec(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) ? d : null;
    }
}

/// <summary>
/// A notification: low data (<see cref="Level"/> 75% / 90% of data used, or 3days / 1days before expiry), credit
/// limit (<see cref="RemainingCredit"/>), or the result of an async order (<see cref="RequestId"/>).
/// </summary>
public sealed record PressOneNotification(
    string Id,
    string Type,
    string? Iccid,
    string? Level,
    string? PackageName,
    decimal? RemainingPercentage,
    decimal? RemainingCredit,
    string? Message,
    string? RequestId);
