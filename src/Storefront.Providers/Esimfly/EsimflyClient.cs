using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;

using Storefront.Domain;

namespace Storefront.Providers.Esimfly;

/// <summary>
/// Typed client over the eSIMfly Business API V1 (seed 002; docs/providers/esimfly.md §1). Requests are signed by
/// <see cref="EsimflySigningHandler"/> and metered by the process-wide <see cref="EsimflyRateLimiter"/>. Only reads are
/// retried, each attempt with a new request id. Orders and top-ups are chargeable and carry no client reference or
/// idempotency key in V1, so a failure whose outcome is unknown is thrown with <see cref="UpstreamException.OutcomeUnknown"/>
/// for the caller to look the result up before buying again.
/// </summary>
public sealed class EsimflyClient(
    HttpClient http,
    IOptions<EsimflyOptions> options,
    EsimflyRateLimiter limiter,
    TimeProvider time,
    ILogger<EsimflyClient> logger)
{
    public const int MaxPageSize = 100;
    public const int MaxOrderQuantity = 10;

    private readonly EsimflyOptions _options = options.Value;

    public Task<EsimflyBalance> GetBalanceAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Get, "balance", "balance", null, null, ct, root => Data<EsimflyBalance>(root));

    /// <summary>One page of the catalogue; <paramref name="type"/> is local, regional or global.</summary>
    public Task<EsimflyPackagePage> ListPackagesAsync(string? search, string? type, int page, int limit, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, Query("esims/packages", ("search", search), ("type", type), ("page", page), ("limit", limit)),
            "packages", null, null, ct, root => Data<EsimflyPackagePage>(root));

    /// <summary>The whole catalogue (about 7000 packages upstream), 100 per request.</summary>
    public async IAsyncEnumerable<EsimflyPackage> ListAllPackagesAsync(string? type, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var page = 1; ; page++)
        {
            var result = await ListPackagesAsync(null, type, page, MaxPageSize, ct);
            var packages = result.Packages ?? [];
            foreach (var package in packages) yield return package;
            if (IsLastPage(result.Pagination, page, packages.Count)) yield break;
        }
    }

    /// <summary>Chargeable: buys <paramref name="quantity"/> eSIMs of a package from the balance. Never retried.</summary>
    public Task<EsimflyOrderResult> OrderAsync(string packageCode, int quantity, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(packageCode);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantity, MaxOrderQuantity);
        return SendAsync(HttpMethod.Post, "esims/order", "order", null, new { packageCode, quantity }, ct, root =>
        {
            var result = root.Deserialize<EsimflyOrderResult>(EsimflyJson.Camel) ?? throw new JsonException("The answer is null.");
            return result.OrderReference.Length > 0 ? result : throw new JsonException("The answer has no orderReference.");
        });
    }

    /// <summary>An order and its eSIM by eSIMfly's order reference (<c>order_…</c>); polls pending orders.</summary>
    public Task<EsimflyOrder> GetOrderAsync(string orderReference, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, Query("esims/order", ("orderReference", orderReference)), "order status", null, null, ct,
            root => Property<EsimflyOrder>(root, "order", EsimflyJson.Camel), notFoundCode: EsimflyErrorCodes.OrderNotFound);

    /// <summary>Purchased eSIMs; <paramref name="search"/> matches ICCID, package name or code; <paramref name="status"/> e.g. ACTIVE.</summary>
    public Task<EsimflyEsimPage> ListEsimsAsync(string? search, string? status, int page, int limit, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, Query("esims", ("search", search), ("status", status), ("page", page), ("limit", limit)),
            "list esims", null, null, ct, root => Data<EsimflyEsimPage>(root));

    /// <summary>One eSIM by ICCID from the list (exact match), or null.</summary>
    public async Task<EsimflyEsim?> FindEsimAsync(string iccid, CancellationToken ct)
    {
        var page = await ListEsimsAsync(iccid, null, 1, MaxPageSize, ct);
        return (page.Esims ?? []).FirstOrDefault(e => e.Iccid == iccid);
    }

    public Task<EsimflyUsage> GetUsageAsync(string iccid, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, Query("esims/usage/query", ("iccid", iccid)), "usage", iccid, null, ct,
            root => Data<EsimflyUsage>(root), notFoundCode: EsimflyErrorCodes.EsimNotFound);

    public Task<EsimflyOrderPage> ListOrdersAsync(EsimflyOrderQuery query, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, Query("orders",
                ("page", query.Page), ("limit", query.Limit), ("status", query.Status), ("search", query.Search),
                ("from_date", query.FromDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("to_date", query.ToDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("sort_by", query.SortBy), ("sort_order", query.SortOrder)),
            "orders", null, null, ct, root => Data<EsimflyOrderPage>(root));

    /// <summary>Every order matching <paramref name="query"/>, page by page from its page.</summary>
    public async IAsyncEnumerable<EsimflyOrderHistoryItem> ListAllOrdersAsync(EsimflyOrderQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var page = query.Page; ; page++)
        {
            var result = await ListOrdersAsync(query with { Page = page }, ct);
            var orders = result.Orders ?? [];
            foreach (var order in orders) yield return order;
            if (IsLastPage(result.Pagination, page, orders.Count, query.Limit)) yield break;
        }
    }

    /// <summary>Top-up packages for one eSIM (one page).</summary>
    public Task<EsimflyTopUpPackagePage> ListTopUpPackagesAsync(string iccid, int page, int limit, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, Query("topup/packages", ("iccid", iccid), ("page", page), ("limit", limit)),
            "top-up packages", iccid, null, ct, root => Data<EsimflyTopUpPackagePage>(root));

    public async Task<IReadOnlyList<EsimflyTopUpPackage>> ListAllTopUpPackagesAsync(string iccid, CancellationToken ct)
    {
        var all = new List<EsimflyTopUpPackage>();
        for (var page = 1; ; page++)
        {
            var result = await ListTopUpPackagesAsync(iccid, page, MaxPageSize, ct);
            var packages = result.Packages ?? [];
            all.AddRange(packages);
            if (IsLastPage(result.Pagination, page, packages.Count)) return all;
        }
    }

    /// <summary>Chargeable: adds a top-up package to an eSIM. Never retried.</summary>
    public Task<EsimflyTopUpResult> TopUpAsync(string iccid, string packageCode, int quantity, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(iccid);
        ArgumentException.ThrowIfNullOrWhiteSpace(packageCode);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        return SendAsync(HttpMethod.Post, "topup/order", "top-up", iccid, new { iccid, packageCode, quantity }, ct, root =>
        {
            var result = root.Deserialize<EsimflyTopUpResult>(EsimflyJson.Camel) ?? throw new JsonException("The answer is null.");
            return result.OrderReference.Length > 0 ? result : throw new JsonException("The answer has no orderReference.");
        });
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string operation, string? iccid, object? body,
        CancellationToken ct, Func<JsonElement, T> read, string? notFoundCode = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(method, path, operation, iccid, body, read, notFoundCode, ct);
            }
            catch (EsimflyApiException e) when (method == HttpMethod.Get && e.Retryable && attempt <= _options.ReadRetries
                                                && UpstreamTransport.ReadRetryDelay(e, attempt, _options.MaxRetryDelay) is { } delay)
            {
                logger.LogWarning("eSIMfly {Operation} {Iccid} failed with {Code}; retry {Attempt} in {DelayMs} ms",
                    operation, Iccids.Tail(iccid), e.Code, attempt, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, time, ct);
            }
        }
    }


    private async Task<T> SendOnceAsync<T>(HttpMethod method, string path, string operation, string? iccid, object? body,
        Func<JsonElement, T> read, string? notFoundCode, CancellationToken ct)
    {
        var chargeable = method != HttpMethod.Get;
        await limiter.AcquireAsync(chargeable, ct);

        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            // The signature covers these exact bytes, so they are fixed here and sent unchanged.
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, EsimflyJson.Camel));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (Exception e) when (UpstreamTransport.Classify(e, ct) is { } failure)
        {
            var (code, message, outcomeUnknown) = UpstreamTransport.Describe(failure, e, "eSIMfly", operation, iccid, http.Timeout, chargeable, logger);
            throw new EsimflyApiException(code, message, null, retryable: true, outcomeUnknown: outcomeUnknown, inner: e);
        }

        using (response)
        {
            limiter.Observe(response);
            var text = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            logger.LogDebug("eSIMfly {Operation} {Iccid} answered {Status} in {ElapsedMs} ms",
                operation, Iccids.Tail(iccid), status, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            JsonElement? root = null;
            try
            {
                using var doc = JsonDocument.Parse(text);
                root = doc.RootElement.Clone();
            }
            catch (JsonException) when (!response.IsSuccessStatusCode)
            {
                // A gateway's HTML error page: still an error, described by its status alone.
            }
            catch (JsonException e)
            {
                throw Unreadable(operation, status, chargeable, e);
            }

            // An error is a status of 400 or more, or success:false with any status (docs/providers/esimfly.md §1.4).
            if (!response.IsSuccessStatusCode || root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("success", out var success)
                && success.ValueKind == JsonValueKind.False)
                throw ToException(response, root, operation, chargeable, notFoundCode);
            try
            {
                return read(root!.Value);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                throw Unreadable(operation, status, chargeable, e);
            }
        }
    }

    /// <summary>The call succeeded upstream, so a chargeable call's work is done but unreadable: the caller must look it up.</summary>
    private static EsimflyApiException Unreadable(string operation, int status, bool chargeable, Exception e) =>
        new(EsimflyErrorCodes.InvalidResponse, $"eSIMfly {operation} answered {status} with an unreadable body.",
            status, retryable: false, outcomeUnknown: chargeable, inner: e);

    private EsimflyApiException ToException(HttpResponseMessage response, JsonElement? root, string operation, bool chargeable,
        string? notFoundCode)
    {
        var status = (int)response.StatusCode;
        var body = root is { ValueKind: JsonValueKind.Object } r ? r : default;
        var code = Str(body, "code") ?? response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => EsimflyErrorCodes.RateLimitExceeded,
            HttpStatusCode.NotFound => notFoundCode ?? EsimflyErrorCodes.NotFound,
            _ => $"HTTP_{status}",
        };
        // Order errors put the text in "message", auth errors in "error", top-up errors in both
        // (docs/providers/esimfly.md §1.4).
        var message = JoinDistinct(Str(body, "error"), Str(body, "message")) ?? response.ReasonPhrase;
        var rateLimited = code == EsimflyErrorCodes.RateLimitExceeded;
        // A duplicate id is never sent on purpose; it means the transport resent a request that had arrived.
        var duplicate = code == EsimflyErrorCodes.DuplicateRequest;
        var retryable = status is 429 or 500 or 502 or 503 or 504 || rateLimited || duplicate;
        var outcomeUnknown = chargeable && (status >= 500 || duplicate);
        return new EsimflyApiException(code, $"eSIMfly {operation} failed with {status} {code}: {message}", status, retryable,
            outcomeUnknown, rateLimited || status == 429 ? EsimflyRateLimiter.RetryAfter(response, time.GetUtcNow()) : RetryAfterHeader(response))
        {
            NeedToLoad = Dec(body, "needToLoad"),
        };
    }

    private static TimeSpan? RetryAfterHeader(HttpResponseMessage response) => response.Headers.RetryAfter?.Delta;

    private static T Data<T>(JsonElement root) => Property<T>(root, "data", EsimflyJson.Snake);

    private static T Property<T>(JsonElement root, string name, JsonSerializerOptions json) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value)
            ? value.Deserialize<T>(json) ?? throw new JsonException($"'{name}' is null.")
            : throw new JsonException($"The answer has no '{name}'.");

    private static bool IsLastPage(EsimflyPagination? pagination, int page, int count, int limit = MaxPageSize) =>
        count == 0 || (pagination?.TotalPages is { } pages ? page >= pages : count < limit);

    private static string Query(string path, params (string Name, object? Value)[] parameters)
    {
        var query = string.Join('&', parameters
            .Where(p => p.Value is not null && (p.Value is not string s || s.Length > 0))
            .Select(p => p.Name + "=" + Uri.EscapeDataString(Convert.ToString(p.Value, CultureInfo.InvariantCulture)!)));
        return query.Length == 0 ? path : path + "?" + query;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static decimal? Dec(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
        && v.TryGetDecimal(out var d) ? d : null;

    private static string? JoinDistinct(string? a, string? b) =>
        a is null ? b : b is null || b == a ? a : $"{a} ({b})";

    /// <summary>Logs carry only the ICCID's last digits, never the whole identifier of a customer's line.</summary>
}
