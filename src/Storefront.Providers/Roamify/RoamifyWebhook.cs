using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Roamify;

/// <summary>
/// Verifies and reads Roamify webhook deliveries: <c>X-Roamify-Signature</c> is the lower-case hex HMAC-SHA256 of the raw
/// body keyed with the dashboard's webhook secret, without prefix (docs/providers/roamify.md §2.4). Upper-case hex is
/// accepted too.
/// </summary>
public static class RoamifyWebhook
{
    public const string SignatureHeader = "X-Roamify-Signature";

    public static string Sign(ReadOnlySpan<byte> rawBody, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody));

    /// <summary>True when <paramref name="signatureHeader"/> is the HMAC of <paramref name="rawBody"/>; false when missing.</summary>
    public static bool IsSignatureValid(string? signatureHeader, ReadOnlySpan<byte> rawBody, string secret)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader) || string.IsNullOrEmpty(secret)) return false;
        var hex = signatureHeader.Trim();
        if (hex.Length != 64) return false;

        byte[] received;
        try { received = Convert.FromHexString(hex); }
        catch (FormatException) { return false; }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    /// <summary>Reads <c>{event_category, event_type, data{…}}</c>; call only after the signature is verified.</summary>
    public static RoamifyWebhookEvent Parse(ReadOnlySpan<byte> rawBody)
    {
        var e = JsonSerializer.Deserialize<RoamifyWebhookEvent>(rawBody, Json)
                ?? throw new JsonException("The webhook body is JSON null.");
        if (string.IsNullOrEmpty(e.EventCategory) || string.IsNullOrEmpty(e.EventType))
            throw new JsonException("The webhook body has no event_category or event_type.");
        return e with { Data = e.Data ?? new RoamifyWebhookData() };
    }

    /// <summary>
    /// Roamify sends no event id, and retries resend the same body, so the id is a hash of the body: the same delivery
    /// always gets the same id and deduplicates.
    /// </summary>
    public static string EventId(ReadOnlySpan<byte> rawBody) => "rmf_" + Convert.ToHexStringLower(SHA256.HashData(rawBody)[..16]);

    /// <summary>
    /// "usage" or "status"; the docs' sample handler says "esim_usage"/"esim_status" (docs/providers/roamify.md §2.4),
    /// so both are read.
    /// </summary>
    public static string NormalizedType(string eventType) =>
        eventType.StartsWith("esim_", StringComparison.Ordinal) ? eventType["esim_".Length..] : eventType;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

public sealed record RoamifyWebhookEvent(string EventCategory, string EventType, RoamifyWebhookData Data);

/// <summary>
/// The union of the <c>data</c> fields of Roamify's events (docs/providers/roamify.md §2.4); each event fills only
/// some.
/// </summary>
public sealed record RoamifyWebhookData
{
    [JsonConverter(typeof(LenientUnixSecondsConverter))]
    public long? Timestamp { get; init; }
    public string? Iccid { get; init; }
    public string? EsimId { get; init; }
    public string? ReferenceId { get; init; }
    [JsonConverter(typeof(LenientUnixSecondsConverter))]
    public long? Start { get; init; }
    [JsonConverter(typeof(LenientUnixSecondsConverter))]
    public long? End { get; init; }
    public string? Status { get; init; }
    public string? PackageId { get; init; }
    public string? PackageName { get; init; }
    public string? DataUnits { get; init; }
    public RoamifyWebhookUsage? UsageData { get; init; }
    public decimal? Balance { get; init; }
    public decimal? Threshold { get; init; }
    public decimal? ThresholdPercentage { get; init; }
    public string? Currency { get; init; }
}

/// <summary><c>usage_data</c> of a usage event; data in MB. Its keys are camelCase in the docs' sample.</summary>
public sealed record RoamifyWebhookUsage
{
    [JsonPropertyName("isUnlimited")]
    public bool? IsUnlimited { get; init; }
    public decimal? AllowedData { get; init; }
    public decimal? RemainingData { get; init; }
}
