using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Storefront.Payments;

/// <summary>
/// Stripe's webhook signature: <c>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=…][,v0=…]</c>, where each v1 is
/// HMAC-SHA256, keyed with the UTF-8 bytes of the whole <c>whsec_…</c> secret, over <c>t + "." + raw body</c>.
/// </summary>
public static class StripeWebhookSignature
{
    public const string HeaderName = "Stripe-Signature";

    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    /// <summary>
    /// Checks the raw request bytes, before any JSON parsing. Only v1 signatures count (v0 and unknown schemes are
    /// ignored, which prevents downgrades). Timestamps further than the tolerance in the past or the future are
    /// rejected, so a captured delivery cannot be replayed later.
    /// </summary>
    public static WebhookSignatureResult Verify(ReadOnlySpan<byte> rawBody, string? header, string secret, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrWhiteSpace(header))
            return WebhookSignatureResult.Fail(WebhookSignatureFailure.MissingHeader, "The Stripe-Signature header is missing.");

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var item in header.Split(','))
        {
            var separator = item.IndexOf('=');
            if (separator <= 0)
                continue;
            var scheme = item[..separator].Trim();
            var value = item[(separator + 1)..].Trim();
            if (scheme == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
                timestamp = t;
            else if (scheme == "v1" && TryFromHex(value, out var signature))
                signatures.Add(signature);
        }

        if (timestamp is null)
            return WebhookSignatureResult.Fail(WebhookSignatureFailure.MalformedHeader, "Unable to extract a timestamp from the Stripe-Signature header.");
        if (signatures.Count == 0)
            return WebhookSignatureResult.Fail(WebhookSignatureFailure.NoV1Signature, "No v1 signature found in the Stripe-Signature header.");

        var expected = Hmac(timestamp.Value, rawBody, secret);
        var matched = false;
        foreach (var signature in signatures)
            matched |= CryptographicOperations.FixedTimeEquals(signature, expected);
        if (!matched)
            return WebhookSignatureResult.Fail(
                WebhookSignatureFailure.SignatureMismatch,
                "No signature matches the payload: check that the raw request body and the endpoint's secret are used.");

        var age = now - DateTimeOffset.FromUnixTimeSeconds(timestamp.Value);
        var limit = tolerance ?? DefaultTolerance;
        if (age > limit)
            return WebhookSignatureResult.Fail(WebhookSignatureFailure.TimestampTooOld, $"The signature is {age.TotalSeconds:0} s old; the limit is {limit.TotalSeconds:0} s.");
        if (-age > limit)
            return WebhookSignatureResult.Fail(WebhookSignatureFailure.TimestampInFuture, $"The signature is {-age.TotalSeconds:0} s in the future.");

        return WebhookSignatureResult.Valid(DateTimeOffset.FromUnixTimeSeconds(timestamp.Value));
    }

    public static WebhookSignatureResult Verify(string rawBody, string? header, string secret, DateTimeOffset now, TimeSpan? tolerance = null) =>
        Verify(Encoding.UTF8.GetBytes(rawBody), header, secret, now, tolerance);

    /// <summary>A header as Stripe sends it, one v1 per secret (several while a rolled secret is still active).</summary>
    public static string ComputeHeader(ReadOnlySpan<byte> body, string secret, DateTimeOffset timestamp, params ReadOnlySpan<string> extraSecrets)
    {
        var header = new StringBuilder().Append("t=").Append(timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        header.Append(",v1=").Append(ComputeSignature(body, secret, timestamp));
        foreach (var extra in extraSecrets)
            header.Append(",v1=").Append(ComputeSignature(body, extra, timestamp));
        return header.ToString();
    }

    /// <summary>One signature value, lowercase hex, without the scheme.</summary>
    public static string ComputeSignature(ReadOnlySpan<byte> body, string secret, DateTimeOffset timestamp) =>
        Convert.ToHexStringLower(Hmac(timestamp.ToUnixTimeSeconds(), body, secret));

    public static string ComputeHeader(string body, string secret, DateTimeOffset timestamp, params ReadOnlySpan<string> extraSecrets) =>
        ComputeHeader(Encoding.UTF8.GetBytes(body), secret, timestamp, extraSecrets);

    private static byte[] Hmac(long timestamp, ReadOnlySpan<byte> body, string secret)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static bool TryFromHex(string value, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(value);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}

public readonly record struct WebhookSignatureResult(bool IsValid, WebhookSignatureFailure Failure, string? Reason, DateTimeOffset? Timestamp)
{
    internal static WebhookSignatureResult Valid(DateTimeOffset timestamp) => new(true, WebhookSignatureFailure.None, null, timestamp);

    internal static WebhookSignatureResult Fail(WebhookSignatureFailure failure, string reason) => new(false, failure, reason, null);
}

public enum WebhookSignatureFailure
{
    None,
    MissingHeader,
    MalformedHeader,
    NoV1Signature,
    SignatureMismatch,
    TimestampTooOld,
    TimestampInFuture,
}
