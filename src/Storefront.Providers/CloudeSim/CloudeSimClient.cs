using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

using Storefront.Domain;

namespace Storefront.Providers.CloudeSim;

/// <summary>
/// Typed client over CloudeSIM API v1 (seed 001; docs/providers/cloudesim.md §3). Every answer is checked for
/// <c>success</c> whatever its HTTP status, because the status of errors is undocumented
/// (docs/providers/cloudesim.md §3.1). Only reads are retried: order and top-up are chargeable and take no idempotency
/// key, so a failure after the request may have landed is thrown with <see cref="UpstreamException.OutcomeUnknown"/>
/// and never repeated here.
/// </summary>
public sealed partial class CloudeSimClient(HttpClient http, IOptions<CloudeSimOptions> options, ILogger<CloudeSimClient> logger)
{
    public const int MaxQuantity = 30;

    private readonly CloudeSimOptions _options = options.Value;

    private enum Kind { Read, Mutation }

    /// <summary>
    /// The reseller's USD balance; this endpoint alone wraps its payload in <c>data</c>
    /// (docs/providers/cloudesim.md §3.1).
    /// </summary>
    public Task<CloudeSimBalance> GetBalanceAsync(CancellationToken ct) =>
        SendAsync<CloudeSimBalance>(HttpMethod.Get, "account/balance", "balance", null, null, Kind.Read, "data", ct);

    public async Task<IReadOnlyList<CloudeSimPackage>> ListPackagesAsync(CloudeSimPackageFilter filter, CancellationToken ct) =>
        (await SendAsync<CloudeSimPackageListBody>(HttpMethod.Post, "packages", "packages", filter.Iccid, filter, Kind.Read, "obj", ct))
        .PackageList ?? [];

    /// <summary>Chargeable: buys <paramref name="quantity"/> eSIMs of a BASE package (or tops up <paramref name="iccid"/>).</summary>
    public Task<CloudeSimOrder> OrderAsync(string packageCode, int quantity, string? iccid, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantity, MaxQuantity);
        return SendAsync<CloudeSimOrder>(HttpMethod.Post, "esim/order", "order", iccid, new { packageCode, quantity, iccid },
            Kind.Mutation, "obj", ct);
    }

    public async Task<IReadOnlyList<CloudeSimEsim>> QueryAsync(string? iccid, string? orderNo, CancellationToken ct)
    {
        if (iccid is null && orderNo is null) throw new ArgumentException("Query needs an ICCID or an order number.");
        return (await SendAsync<CloudeSimEsimListBody>(HttpMethod.Post, "esim/query", "query", iccid, new { iccid, orderNo },
            Kind.Read, "obj", ct)).EsimList ?? [];
    }

    /// <summary>Chargeable: adds a TOPUP package to an eSIM; returns the top-up's order number.</summary>
    public async Task<string?> TopUpAsync(string iccid, string packageCode, int quantity, CancellationToken ct) =>
        (await SendAsync<CloudeSimOrderNoBody>(HttpMethod.Post, "esim/topup", "top-up", iccid, new { iccid, packageCode, quantity },
            Kind.Mutation, "obj", ct)).OrderNo;

    /// <summary>Cancels an eSIM; CloudeSIM refunds the full amount to the balance (seed). Returns the order number.</summary>
    public async Task<string?> CancelAsync(string? iccid, string? esimTranNo, CancellationToken ct)
    {
        if (iccid is null && esimTranNo is null) throw new ArgumentException("Cancel needs an ICCID or an esimTranNo.");
        return (await SendAsync<CloudeSimOrderNoBody>(HttpMethod.Post, "esim/cancel", "cancel", iccid, new { iccid, esimTranNo },
            Kind.Mutation, "obj", ct)).OrderNo;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string operation, string? iccid, object? body, Kind kind,
        string payload, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync<T>(method, path, operation, iccid, body, kind, payload, ct);
            }
            catch (CloudeSimApiException e) when (kind == Kind.Read && e.Retryable && attempt <= _options.ReadRetries)
            {
                var delay = RetryDelay(e, attempt);
                logger.LogWarning("CloudeSIM {Operation} {Iccid} failed with {Code}; retry {Attempt} in {DelayMs} ms",
                    operation, Iccids.Tail(iccid), e.Code, attempt, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, ct);
            }
        }
    }

    private TimeSpan RetryDelay(CloudeSimApiException e, int attempt)
    {
        var wait = e.RetryAfter ?? TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1));
        return wait < _options.MaxRetryDelay ? wait : _options.MaxRetryDelay;
    }

    private async Task<T> SendOnceAsync<T>(HttpMethod method, string path, string operation, string? iccid, object? body, Kind kind,
        string payload, CancellationToken ct)
    {
        var mutation = kind == Kind.Mutation;
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiToken);
        if (body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(body, CloudeSimJson.Options), Encoding.UTF8, "application/json");

        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (Exception e) when (UpstreamTransport.Classify(e, ct) is { } failure)
        {
            var (code, message, outcomeUnknown) = UpstreamTransport.Describe(failure, e, "CloudeSIM", operation, iccid, http.Timeout, mutation, logger);
            throw new CloudeSimApiException(code, message, null, retryable: failure == TransportFailure.NotSent || !mutation,
                outcomeUnknown: outcomeUnknown, inner: e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            logger.LogDebug("CloudeSIM {Operation} {Iccid} answered {Status} in {ElapsedMs} ms",
                operation, Iccids.Tail(iccid), status, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return Read<T>(response, text, operation, payload, mutation);
        }
    }

    private static T Read<T>(HttpResponseMessage response, string text, string operation, string payload, bool mutation)
    {
        var status = (int)response.StatusCode;
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
        }

        using (document)
        {
            var root = document?.RootElement;
            bool? success = root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("success", out var s)
                ? s.ValueKind == JsonValueKind.True || (s.ValueKind == JsonValueKind.String && string.Equals(s.GetString(), "true", StringComparison.OrdinalIgnoreCase))
                : null;

            if (success is false || (success is null && !response.IsSuccessStatusCode))
                throw ToException(response, root, operation, mutation);
            if (success is null)
                throw new CloudeSimApiException(CloudeSimErrorCodes.InvalidResponse,
                    $"CloudeSIM {operation} answered {status} without a success flag.", status, retryable: !mutation, outcomeUnknown: mutation);

            try
            {
                var body = root!.Value.TryGetProperty(payload, out var p) && p.ValueKind != JsonValueKind.Null ? p.GetRawText() : "{}";
                return JsonSerializer.Deserialize<T>(body, CloudeSimJson.Options) ?? throw new JsonException("The payload is JSON null.");
            }
            catch (JsonException e)
            {
                // The call succeeded upstream, so for a mutation the work is done but unreadable: the caller must look it up.
                throw new CloudeSimApiException(CloudeSimErrorCodes.InvalidResponse, $"CloudeSIM {operation} answered {status} with an unreadable {payload}.",
                    status, retryable: false, outcomeUnknown: mutation, inner: e);
            }
        }
    }

    private static CloudeSimApiException ToException(HttpResponseMessage response, JsonElement? root, string operation, bool mutation)
    {
        var status = (int)response.StatusCode;
        var message = root is { ValueKind: JsonValueKind.Object } r ? Str(r, "errorMsg") ?? Str(r, "errorMessage") ?? Str(r, "message") : null;
        var code = Classify(message, status);
        var retryAfter = RetryAfter(response);
        // Refusals (a recognised errorMsg, 4xx, 429) are definite. A server error may come after the work was done.
        var serverSide = code == CloudeSimErrorCodes.ServerError || (status >= 500 && code == CloudeSimErrorCodes.Rejected);
        var retryable = code == CloudeSimErrorCodes.RateLimited || (serverSide && !mutation);
        var (required, available) = code == CloudeSimErrorCodes.InsufficientBalance ? ParseBalanceAmounts(message!) : (null, null);
        return new CloudeSimApiException(code, $"CloudeSIM {operation} failed ({status} {code}): {message ?? response.ReasonPhrase}",
            status, retryable, outcomeUnknown: mutation && serverSide, retryAfter)
        {
            UpstreamMessage = message,
            RequiredUsd = required,
            AvailableUsd = available,
        };

        static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    /// <summary>
    /// CloudeSIM errors carry only a text (seed). The texts matched here are the documented one (insufficient balance)
    /// and the simulator's assumed ones (docs/providers/cloudesim.md §5.2); anything else is
    /// <see cref="CloudeSimErrorCodes.Rejected"/>.
    /// </summary>
    internal static string Classify(string? message, int status)
    {
        var m = message ?? "";
        if (status == 401 || m.Contains("unauthori", StringComparison.OrdinalIgnoreCase) || m.Contains("invalid token", StringComparison.OrdinalIgnoreCase))
            return CloudeSimErrorCodes.Unauthorized;
        if (status == 429 || m.Contains("too many requests", StringComparison.OrdinalIgnoreCase) || m.Contains("rate limit", StringComparison.OrdinalIgnoreCase))
            return CloudeSimErrorCodes.RateLimited;
        if (m.StartsWith("Insufficient balance", StringComparison.OrdinalIgnoreCase)) return CloudeSimErrorCodes.InsufficientBalance;
        if (m.Contains("package not found", StringComparison.OrdinalIgnoreCase) || m.Contains("package does not exist", StringComparison.OrdinalIgnoreCase))
            return CloudeSimErrorCodes.PackageNotFound;
        if (m.Contains("not compatible", StringComparison.OrdinalIgnoreCase)) return CloudeSimErrorCodes.NotCompatible;
        if (m.Contains("not allowed", StringComparison.OrdinalIgnoreCase) || m.Contains("cannot be cancelled", StringComparison.OrdinalIgnoreCase)
            || m.Contains("status", StringComparison.OrdinalIgnoreCase))
            return CloudeSimErrorCodes.InvalidStatus;
        if (m.Contains("not found", StringComparison.OrdinalIgnoreCase) || m.Contains("does not exist", StringComparison.OrdinalIgnoreCase))
            return CloudeSimErrorCodes.NotFound;
        if (m.Contains("required", StringComparison.OrdinalIgnoreCase) || m.Contains("must be", StringComparison.OrdinalIgnoreCase)
            || m.Contains("invalid", StringComparison.OrdinalIgnoreCase))
            return CloudeSimErrorCodes.InvalidRequest;
        if (status >= 500 || m.Contains("server error", StringComparison.OrdinalIgnoreCase) || m.Contains("system busy", StringComparison.OrdinalIgnoreCase)
            || m.Contains("internal error", StringComparison.OrdinalIgnoreCase))
            return CloudeSimErrorCodes.ServerError;
        return status == 404 ? CloudeSimErrorCodes.NotFound : CloudeSimErrorCodes.Rejected;
    }

    /// <summary>"Insufficient balance. Required: $1.25, available: $0.00" (seed).</summary>
    internal static (decimal? Required, decimal? Available) ParseBalanceAmounts(string message)
    {
        var match = BalanceAmounts().Match(message);
        return match.Success
            ? (Amount(match.Groups["required"].Value), Amount(match.Groups["available"].Value))
            : (null, null);

        static decimal? Amount(string text) =>
            decimal.TryParse(text.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex(@"Required:\s*\$?\s*(?<required>-?[0-9][0-9,]*(?:\.[0-9]+)?)\s*,\s*available:\s*\$?\s*(?<available>-?[0-9][0-9,]*(?:\.[0-9]+)?)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BalanceAmounts();

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>Logs carry only the ICCID's last digits, never the whole identifier of a customer's line.</summary>
}
