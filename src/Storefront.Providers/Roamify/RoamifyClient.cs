using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

using Storefront.Domain;

namespace Storefront.Providers.Roamify;

/// <summary>
/// Typed client over the Roamify eSIM API (seed 003; docs/providers/roamify.md §2). Only GETs are retried here. Order
/// and top-up order are chargeable and Roamify does not enforce referenceId uniqueness
/// (docs/providers/roamify.md §2.6), so a failure whose outcome is unknown is thrown with
/// <see cref="UpstreamException.OutcomeUnknown"/> for the caller to look the order up by its referenceId.
/// </summary>
public sealed class RoamifyClient(HttpClient http, IOptions<RoamifyOptions> options, ILogger<RoamifyClient> logger)
{
    private readonly RoamifyOptions _options = options.Value;

    public async Task<IReadOnlyList<RoamifyCountry>> GetCountriesAsync(CancellationToken ct) =>
        (await GetAsync<RoamifyCountryList>("api/esim/countries", "countries", null, ct)).Countries ?? [];

    /// <summary>One page of package groups; <paramref name="page"/> starts at 1.</summary>
    public async Task<IReadOnlyList<RoamifyPackageGroup>> GetPackagesPageAsync(RoamifyPackageFilter? filter, int page, int pageSize,
        CancellationToken ct)
    {
        var query = FilterQuery(filter);
        query.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        query.Add("pageSize=" + pageSize.ToString(CultureInfo.InvariantCulture));
        var result = await GetAsync<RoamifyPackagePage>("api/esim/packages?" + string.Join('&', query), "packages", null, ct);
        return result.Packages ?? [];
    }

    /// <summary>
    /// Every package group, page by page. Roamify returns no pagination metadata and says to "iterate until the response
    /// returns fewer results than your pageSize" (docs/providers/roamify.md §2.3.2), but whether pageSize counts groups
    /// or packages is open (docs/providers/roamify.md §5.3) and a server may cap it, so a short page proves nothing:
    /// this reads on until a page is empty or brings no package not seen before, at the price of one extra request.
    /// </summary>
    public async IAsyncEnumerable<RoamifyPackageGroup> GetAllPackagesAsync(RoamifyPackageFilter? filter,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var seen = new HashSet<string>();
        for (var page = 1; ; page++)
        {
            var groups = await GetPackagesPageAsync(filter, page, _options.PageSize, ct);
            var fresh = 0;
            foreach (var group in groups)
            {
                var packages = (group.Packages ?? []).Where(p => seen.Add(p.PackageId)).ToList();
                if (packages.Count == 0) continue;
                fresh++;
                yield return group with { Packages = packages };
            }
            if (fresh == 0) yield break;
        }
    }

    /// <summary>The group holding one package, with only that package; null when the catalogue has no such package.</summary>
    public async Task<(RoamifyPackageGroup Group, RoamifyPackage Package)?> GetPackageAsync(string packageId, CancellationToken ct)
    {
        var groups = await GetPackagesPageAsync(new RoamifyPackageFilter { PackageId = packageId }, 1, _options.PageSize, ct);
        foreach (var group in groups)
            if (group.Packages?.FirstOrDefault(p => p.PackageId == packageId) is { } package)
                return (group, package);
        return null;
    }

    /// <summary>Chargeable: buys eSIMs, which are not generated yet (each item gets an esimId to apply).</summary>
    public Task<RoamifyOrder> CreateOrderAsync(IReadOnlyList<RoamifyOrderItemRequest> items, string? referenceId, CancellationToken ct) =>
        SendAsync<RoamifyOrder>(HttpMethod.Post, "api/esim/order", "order", null, new { items, referenceId }, _options.Timeout, ct);

    /// <summary>
    /// Chargeable: order and profile in one call ("timeout ≥ 60 s", docs/providers/roamify.md §2.3.5).
    /// </summary>
    public Task<RoamifyOrder> CreateInstantOrderAsync(IReadOnlyList<RoamifyOrderItemRequest> items, string? referenceId, CancellationToken ct) =>
        SendAsync<RoamifyOrder>(HttpMethod.Post, "api/esim/order/instant", "instant order", null, new { items, referenceId },
            _options.ApplyTimeout, ct);

    /// <summary>
    /// Generates the profile of one ordered eSIM; <paramref name="startDate"/> is required for packages whose
    /// requirements.travelDate is true. One call, no waiting: see <see cref="ApplyAndWaitAsync"/>.
    /// </summary>
    public Task<RoamifyEsim> ApplyAsync(string esimId, DateOnly? startDate, CancellationToken ct) =>
        SendAsync<RoamifyEsim>(HttpMethod.Post, "api/esim/apply", "apply", null,
            new { esimId, startDate = startDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, _options.ApplyTimeout, ct);

    /// <summary>
    /// Applies and returns the eSIM once its profile exists. "On timeout or 'eSIM is still pending processing', call
    /// GET /api/esim?esimId=… instead of re-applying" (docs/providers/roamify.md §2.3.4): so after those (or a lost
    /// answer or a 5xx) this polls the eSIM until <see cref="RoamifyOptions.ApplyWaitLimit"/>, then throws
    /// PROFILE_NOT_READY.
    /// </summary>
    public async Task<RoamifyEsim> ApplyAndWaitAsync(string esimId, DateOnly? startDate, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var applied = await ApplyAsync(esimId, startDate, ct);
            if (applied.HasProfile) return applied;
        }
        catch (RoamifyApiException e) when (e.Code is RoamifyErrorCodes.EsimPending or RoamifyErrorCodes.Timeout or RoamifyErrorCodes.ResponseLost
                                            || e.HttpStatus >= 500)
        {
            logger.LogInformation("Roamify apply of eSIM {EsimId} answered {Code}; waiting for the profile", esimId, e.Code);
        }

        while (true)
        {
            var esim = await GetEsimAsync(esimId, ct);
            if (esim.HasProfile) return esim;
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed + _options.ApplyPollInterval > _options.ApplyWaitLimit)
                throw new RoamifyApiException(RoamifyErrorCodes.ProfileNotReady,
                    $"Roamify had not generated the profile of eSIM {esimId} after {elapsed.TotalSeconds:0} s (status {esim.Status}).",
                    null, retryable: true);
            await Task.Delay(_options.ApplyPollInterval, ct);
        }
    }

    public Task<RoamifyOrder> GetOrderAsync(string orderId, CancellationToken ct) =>
        GetAsync<RoamifyOrder>("api/esim/order?orderId=" + Escape(orderId), "get order", null, ct);

    /// <summary>The latest order placed with this referenceId (eSIM or top-up); null when Roamify answers 404.</summary>
    public async Task<RoamifyOrder?> FindOrderByReferenceAsync(string referenceId, CancellationToken ct)
    {
        try
        {
            return await GetAsync<RoamifyOrder>("api/esim/order?referenceId=" + Escape(referenceId), "find order", null, ct);
        }
        catch (RoamifyApiException e) when (e.HttpStatus == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<RoamifyOrder>> ListOrdersAsync(string? status, int? limit, string? referenceId, CancellationToken ct)
    {
        var query = Query(("status", status), ("limit", limit?.ToString(CultureInfo.InvariantCulture)), ("referenceId", referenceId));
        return (await GetAsync<RoamifyOrderList>("api/esim/orders" + query, "list orders", null, ct)).Orders ?? [];
    }

    public Task<RoamifyEsim> GetEsimAsync(string esimId, CancellationToken ct) =>
        GetAsync<RoamifyEsim>("api/esim?esimId=" + Escape(esimId), "get esim", null, ct);

    public Task<RoamifyEsim> GetEsimByIccidAsync(string iccid, CancellationToken ct) =>
        GetAsync<RoamifyEsim>("api/esim?iccid=" + Escape(iccid), "get esim", iccid, ct);

    public async Task<IReadOnlyList<RoamifyEsim>> ListEsimsAsync(string? status, int? limit, string? referenceId, CancellationToken ct)
    {
        var query = Query(("status", status), ("limit", limit?.ToString(CultureInfo.InvariantCulture)), ("referenceId", referenceId));
        return await GetAsync<List<RoamifyEsim>>("api/esims" + query, "list esims", null, ct);
    }

    public Task<RoamifyUsage> GetUsageAsync(string iccid, CancellationToken ct) =>
        GetAsync<RoamifyUsage>("api/esim/usage?iccid=" + Escape(iccid), "usage", iccid, ct);

    public async Task<IReadOnlyList<RoamifyHistoryEntry>> GetHistoryAsync(string iccid, CancellationToken ct) =>
        await GetAsync<List<RoamifyHistoryEntry>>("api/esim/history?iccid=" + Escape(iccid), "history", iccid, ct);

    /// <summary>
    /// Top-ups compatible with this eSIM; only for an applied eSIM with withTopUp (docs/providers/roamify.md §2.3.9).
    /// </summary>
    public async Task<IReadOnlyList<RoamifyTopUpPackage>> GetTopUpPackagesAsync(string iccid, CancellationToken ct) =>
        await GetAsync<List<RoamifyTopUpPackage>>("api/esim/topup/packages?iccid=" + Escape(iccid), "top-up packages", iccid, ct);

    /// <summary>Chargeable: adds a package to an existing eSIM; <paramref name="referenceId"/> makes it findable later.</summary>
    public Task<RoamifyOrder> TopUpAsync(string iccid, string packageId, string? referenceId, CancellationToken ct) =>
        SendAsync<RoamifyOrder>(HttpMethod.Post, "api/esim/order/topup", "top-up", iccid, new { iccid, packageId, referenceId },
            _options.Timeout, ct);

    public Task<RoamifyBalance> GetBalanceAsync(CancellationToken ct) =>
        GetAsync<RoamifyBalance>("api/balance", "balance", null, ct);

    private Task<T> GetAsync<T>(string path, string operation, string? iccid, CancellationToken ct) =>
        SendAsync<T>(HttpMethod.Get, path, operation, iccid, null, _options.Timeout, ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string operation, string? iccid, object? body, TimeSpan timeout,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync<T>(method, path, operation, iccid, body, timeout, ct);
            }
            catch (RoamifyApiException e) when (method == HttpMethod.Get && e.Retryable && attempt <= _options.ReadRetries
                                                && UpstreamTransport.ReadRetryDelay(e, attempt, _options.MaxRetryDelay) is { } delay)
            {
                logger.LogWarning("Roamify {Operation} {Iccid} failed with {Code}; retry {Attempt} in {DelayMs} ms",
                    operation, Iccids.Tail(iccid), e.Code, attempt, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, ct);
            }
        }
    }


    private async Task<T> SendOnceAsync<T>(HttpMethod method, string path, string operation, string? iccid, object? body, TimeSpan timeout,
        CancellationToken ct)
    {
        var mutation = method != HttpMethod.Get;
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
        if (body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(body, RoamifyJson.Options), Encoding.UTF8, "application/json");

        // Apply needs a far longer timeout than the other calls, so the timeout is per request, not HttpClient.Timeout.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        string text;
        int status;
        HttpResponseMessage? response = null;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            text = await response.Content.ReadAsStringAsync(deadline.Token);
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (UpstreamTransport.Classify(e, ct) is { } failure)
        {
            response?.Dispose();
            var (code, message, outcomeUnknown) = UpstreamTransport.Describe(failure, e, "Roamify", operation, iccid, timeout, mutation, logger);
            throw new RoamifyApiException(code, message, null, retryable: true, outcomeUnknown: outcomeUnknown, inner: e);
        }

        using (response)
        {
            logger.LogDebug("Roamify {Operation} {Iccid} answered {Status} in {ElapsedMs} ms",
                operation, Iccids.Tail(iccid), status, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
                throw ToException(response, text, operation, mutation);

            RoamifyEnvelope<T>? envelope;
            try
            {
                envelope = JsonSerializer.Deserialize<RoamifyEnvelope<T>>(text, RoamifyJson.Options);
            }
            catch (JsonException e)
            {
                // The call succeeded upstream, so for a mutation the work is done but unreadable: let the caller look it up.
                throw new RoamifyApiException(RoamifyErrorCodes.InvalidResponse, $"Roamify {operation} answered {status} with an unreadable body.",
                    status, retryable: false, outcomeUnknown: mutation, inner: e);
            }
            if (envelope is null || !string.Equals(envelope.Status, "success", StringComparison.OrdinalIgnoreCase))
            {
                var (code, message) = Classify(status, text);
                throw new RoamifyApiException(code == $"HTTP_{status}" ? RoamifyErrorCodes.Failed : code,
                    $"Roamify {operation} answered {status} without success: {message ?? "no message"}", status, retryable: false);
            }
            return envelope.Data ?? throw new RoamifyApiException(RoamifyErrorCodes.InvalidResponse,
                $"Roamify {operation} answered {status} without data.", status, retryable: false, outcomeUnknown: mutation);
        }
    }

    private static RoamifyApiException ToException(HttpResponseMessage response, string text, string operation, bool mutation)
    {
        var status = (int)response.StatusCode;
        var (code, message) = Classify(status, text);
        var retryable = status is 429 or 500 or 502 or 503 or 504 || code == RoamifyErrorCodes.EsimPending;
        // A 5xx on a mutation may come after the work was done (gateway, crash): only a 4xx is a definite refusal.
        var outcomeUnknown = mutation && status >= 500 && code != RoamifyErrorCodes.EsimPending;
        return new RoamifyApiException(code, $"Roamify {operation} failed with {status} {code}: {message ?? response.ReasonPhrase}",
            status, retryable, outcomeUnknown, RetryAfter(response));
    }

    /// <summary>
    /// Roamify's error bodies are <c>{"status":"failed","message":…}</c>, Joi-style <c>{"error":"\"items\" is required"}</c>
    /// or, for refunds only, with a <c>code</c> (docs/providers/roamify.md §2.2). Without codes the message says what
    /// went wrong.
    /// </summary>
    internal static (string Code, string? Message) Classify(int status, string text)
    {
        string? message = null, code = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                message = Str(doc.RootElement, "message") ?? Str(doc.RootElement, "error");
                code = Str(doc.RootElement, "code");
            }
        }
        catch (JsonException)
        {
        }
        if (code is not null) return (code, message);

        var m = message?.ToLowerInvariant() ?? "";
        code = m switch
        {
            _ when m.Contains("pending processing") => RoamifyErrorCodes.EsimPending,
            _ when m.Contains("insufficient") => RoamifyErrorCodes.InsufficientBalance,
            _ when m.Contains("startdate") && m.Contains("required") => RoamifyErrorCodes.StartDateRequired,
            _ when m.Contains("startdate") => RoamifyErrorCodes.InvalidStartDate,
            _ when m.Contains("usage check") => RoamifyErrorCodes.UsageNotSupported,
            _ when status == 400 && (m.Contains("top-up") || m.Contains("topup")) => RoamifyErrorCodes.TopUpNotAllowed,
            _ when status == 500 && m.Contains("unknown error") => RoamifyErrorCodes.UnknownError,
            _ => status switch
            {
                400 => RoamifyErrorCodes.ValidationError,
                401 => RoamifyErrorCodes.Unauthorized,
                403 => RoamifyErrorCodes.Forbidden,
                404 => RoamifyErrorCodes.NotFound,
                409 => RoamifyErrorCodes.Conflict,
                422 => RoamifyErrorCodes.Unprocessable,
                429 => RoamifyErrorCodes.RateLimited,
                >= 500 => RoamifyErrorCodes.ServerError,
                _ => $"HTTP_{status}",
            },
        };
        return (code, message);

        static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static List<string> FilterQuery(RoamifyPackageFilter? f)
    {
        var query = new List<string>();
        if (f is null) return query;
        void Add(string name, string? value)
        {
            if (value is not null) query.Add(name + "=" + Uri.EscapeDataString(value));
        }
        Add("country", f.Country);
        Add("countryCode", f.CountryCode);
        Add("geography", f.Geography);
        Add("days", f.Days?.ToString(CultureInfo.InvariantCulture));
        Add("gbs", f.Gbs?.ToString(CultureInfo.InvariantCulture));
        Add("isUnlimited", f.IsUnlimited is { } unlimited ? (unlimited ? "true" : "false") : null);
        Add("packageId", f.PackageId);
        return query;
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)).ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    /// <summary>Logs carry only the ICCID's last digits, never the whole identifier of a customer's line.</summary>
}
