using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Storefront.Providers.Esimfly;

/// <summary>
/// eSIMfly's request signature (docs/providers/esimfly.md §1.2): upper-case hex HMAC-SHA256, keyed with the secret key,
/// of RT-Timestamp + RT-RequestID + RT-AccessCode + the exact body bytes (nothing for GET). Path and query are not
/// signed.
/// </summary>
public static class EsimflySignature
{
    public const string AccessCodeHeader = "RT-AccessCode";
    public const string RequestIdHeader = "RT-RequestID";
    public const string TimestampHeader = "RT-Timestamp";
    public const string SignatureHeader = "RT-Signature";

    public static string Compute(string secretKey, string timestamp, string requestId, string accessCode, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + requestId + accessCode);
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), message));
    }

    /// <summary>Unix epoch milliseconds as a decimal string, the RT-Timestamp format.</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Signs every request on its way out with a fresh UUID v4 request id: eSIMfly refuses a reused id (DUPLICATE_REQUEST),
/// so each attempt, retries included, is a new request.
/// </summary>
internal sealed class EsimflySigningHandler(IOptions<EsimflyOptions> options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var o = options.Value;
        var requestId = Guid.NewGuid().ToString("D");
        var timestamp = EsimflySignature.Timestamp(time.GetUtcNow());
        Set(request, EsimflySignature.AccessCodeHeader, o.AccessCode);
        Set(request, EsimflySignature.RequestIdHeader, requestId);
        Set(request, EsimflySignature.TimestampHeader, timestamp);
        Set(request, EsimflySignature.SignatureHeader, EsimflySignature.Compute(o.SecretKey, timestamp, requestId, o.AccessCode, body));
        return await base.SendAsync(request, cancellationToken);
    }

    private static void Set(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }
}
