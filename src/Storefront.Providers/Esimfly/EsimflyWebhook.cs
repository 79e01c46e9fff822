using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Storefront.Providers.Esimfly;

/// <summary>
/// Webhook deliveries, added to eSIMfly in 2026-04 and not part of V1 (docs/providers/esimfly.md §1.5.10):
/// <c>X-Webhook-Signature</c> is <c>sha256=</c> + lower-case hex HMAC-SHA256 of the raw body, keyed with the
/// <c>whsec_…</c> secret shown once by <c>PUT /webhooks</c>. Upper-case hex is accepted too.
/// </summary>
public static class EsimflyWebhook
{
    public const string SignatureHeader = "X-Webhook-Signature";
    public const string EventHeader = "X-Webhook-Event";
    public const string IdHeader = "X-Webhook-Id";
    public const string TimestampHeader = "X-Webhook-Timestamp";

    public const string EsimProvisioned = "esim.provisioned";
    public const string OrderCompleted = "order.completed";

    public static string Sign(ReadOnlySpan<byte> rawBody, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody));

    public static bool IsSignatureValid(string? signatureHeader, ReadOnlySpan<byte> rawBody, string secret)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader) || string.IsNullOrEmpty(secret)) return false;
        var hex = signatureHeader.Trim();
        if (!hex.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase)) return false;
        hex = hex["sha256=".Length..];
        if (hex.Length != 64) return false;
        byte[] received;
        try { received = Convert.FromHexString(hex); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody), received);
    }

    /// <summary>Reads <c>{event, timestamp, data{order_reference, iccid, …}}</c>; call only after the signature is verified.</summary>
    public static EsimflyWebhookEvent Parse(ReadOnlySpan<byte> rawBody)
    {
        var e = JsonSerializer.Deserialize<EsimflyWebhookEvent>(rawBody, EsimflyJson.Snake) ?? throw new JsonException("The webhook body is JSON null.");
        return string.IsNullOrEmpty(e.Event) ? throw new JsonException("The webhook body has no event.") : e;
    }
}

public sealed record EsimflyWebhookEvent(string Event, DateTimeOffset? Timestamp, EsimflyWebhookData? Data);

/// <summary>The fields of <c>esim.provisioned</c>; <see cref="LpaString"/> is secret.</summary>
public sealed record EsimflyWebhookData(string? OrderReference, string? Iccid, string? LpaString, string? PackageName);
