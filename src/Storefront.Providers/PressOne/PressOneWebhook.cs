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

    /// <summary>
    /// True when the signature is the HMAC of the raw body, or of the body as Airalo's SDKs re-serialise it before
    /// signing (PHP's json_encode; the Python SDK's compact json.dumps with "/" replaced by "\/", CODE:
    /// airalo-python-sdk helpers/signature.py, docs/providers/pressone.md §3.2): a sender built on them may put a differently written body on
    /// the wire than the one it signed.
    /// </summary>
    public static bool IsSignatureValid(string? signatureHeader, ReadOnlySpan<byte> rawBody, string signingSecret)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader) || string.IsNullOrEmpty(signingSecret)) return false;
        var hex = signatureHeader.Trim();
        if (hex.Length != 128) return false;

        byte[] received;
        try { received = Convert.FromHexString(hex); }
        catch (FormatException) { return false; }

        var key = Encoding.UTF8.GetBytes(signingSecret);
        if (CryptographicOperations.FixedTimeEquals(HMACSHA512.HashData(key, rawBody), received)) return true;
        return AiraloSdkSerialisation(rawBody) is { } resigned
               && CryptographicOperations.FixedTimeEquals(HMACSHA512.HashData(key, resigned), received);
    }

    /// <summary>The body as the SDKs write it: compact, non-ASCII as \uXXXX, "/" as "\/"; null when it is not JSON.</summary>
    internal static byte[]? AiraloSdkSerialisation(ReadOnlySpan<byte> rawBody)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(rawBody.ToArray()); }
        catch (JsonException) { return null; }
        using (doc)
        {
            var json = new StringBuilder();
            Write(doc.RootElement, json);
            return Encoding.ASCII.GetBytes(json.ToString());
        }

        static void Write(JsonElement e, StringBuilder json)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    json.Append('{');
                    var first = true;
                    foreach (var property in e.EnumerateObject())
                    {
                        if (!first) json.Append(',');
                        first = false;
                        WriteString(property.Name, json);
                        json.Append(':');
                        Write(property.Value, json);
                    }
                    json.Append('}');
                    break;
                case JsonValueKind.Array:
                    json.Append('[');
                    var index = 0;
                    foreach (var item in e.EnumerateArray())
                    {
                        if (index++ > 0) json.Append(',');
                        Write(item, json);
                    }
                    json.Append(']');
                    break;
                case JsonValueKind.String:
                    WriteString(e.GetString()!, json);
                    break;
                default:
                    json.Append(e.GetRawText());
                    break;
            }
        }

        static void WriteString(string value, StringBuilder json)
        {
            json.Append('"');
            foreach (var c in value)
            {
                json.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '/' => "\\/",
                    '\b' => "\\b",
                    '\f' => "\\f",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    < ' ' or > '~' => $"\\u{(int)c:x4}",
                    _ => c.ToString(),
                });
            }
            json.Append('"');
        }
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
