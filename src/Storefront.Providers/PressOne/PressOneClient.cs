using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;

using Storefront.Domain;

namespace Storefront.Providers.PressOne;

/// <summary>
/// Typed client over the PressOne eSIM Developer Platform (the Airalo Partner API v2 shape under <c>customer/v2</c>;
/// seed 004, docs/providers/pressone.md §3). Authenticates with an OAuth client-credentials token from
/// <see cref="PressOneTokenCache"/>. Reads are retried; orders and top-ups are chargeable and have no idempotency key,
/// so a failure whose outcome is unknown is thrown with <see cref="UpstreamException.OutcomeUnknown"/> for the caller
/// to look the order up by its description.
/// </summary>
public sealed class PressOneClient(HttpClient http, PressOneTokenCache tokens, IOptions<PressOneOptions> options, ILogger<PressOneClient> logger)
{
    public const int MaxOrderQuantity = 50;

    private readonly PressOneOptions _options = options.Value;
    private string TokenKey => $"{http.BaseAddress}|{_options.ClientId}";

    public async Task<PressOneMoney> GetBalanceAsync(CancellationToken ct)
    {
        var body = await SendAsync<PressOneEnvelope<PressOneBalance>>(HttpMethod.Get, "customer/v2/balance", "balance", null, null, ct);
        return body.Data?.Balances?.AvailableBalance ?? throw Unreadable("balance", "no balances.availableBalance");
    }

    /// <param name="type"><see cref="PressOnePackageTypes.Local"/>, <see cref="PressOnePackageTypes.Global"/> (regional and world) or null for both.</param>
    /// <param name="country">ISO alpha-2, upper case.</param>
    /// <param name="includeTopUps">Adds top-up packages, which are left out by default.</param>
    public Task<PressOnePackagePage> GetPackagesAsync(string? type, string? country, bool includeTopUps, int? limit, int? page, CancellationToken ct)
    {
        var query = new Query()
            .Add("filter[type]", type)
            .Add("filter[country]", country?.ToUpperInvariant())
            .Add("include", includeTopUps ? "topup" : null)
            .Add("limit", limit)
            .Add("page", page);
        return SendAsync<PressOnePackagePage>(HttpMethod.Get, "customer/v2/packages" + query, "packages", null, null, ct);
    }

    /// <summary>
    /// The whole catalogue, page by page until <c>meta.last_page</c> (as the Airalo SDK does), with the pricing model of
    /// the first page.
    /// </summary>
    public async Task<PressOnePackagePage> GetAllPackagesAsync(string? type, string? country, bool includeTopUps, CancellationToken ct)
    {
        var entries = new List<PressOneCountryPackages>();
        PressOnePricing? pricing = null;
        for (var page = 1; ; page++)
        {
            var result = await GetPackagesAsync(type, country, includeTopUps, _options.PageSize, page, ct);
            pricing ??= result.Pricing;
            entries.AddRange(result.Data);
            if (IsLastPage(result.Meta, page, result.Data.Count))
                return new PressOnePackagePage(entries, null, null, pricing);
        }
    }

    /// <summary>
    /// Chargeable: buys <paramref name="quantity"/> eSIMs of a package. <paramref name="description"/> is kept with the
    /// order and can be filtered on later (<see cref="ListOrdersAsync"/>), which is how an order whose answer was lost
    /// is found again.
    /// </summary>
    public Task<PressOneOrder> SubmitOrderAsync(string packageId, int quantity, string? description, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(packageId);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantity, MaxOrderQuantity);
        return SendDataAsync<PressOneOrder>(HttpMethod.Post, "customer/v2/orders", "order", null, () => Form(
            ("quantity", quantity.ToString(CultureInfo.InvariantCulture)),
            ("package_id", packageId),
            ("type", PressOnePackageTypes.Sim),
            ("description", description)), ct);
    }

    /// <summary>Chargeable: adds a top-up package to an eSIM. <paramref name="description"/> defaults upstream to "Topup (iccid)".</summary>
    public Task<PressOneOrder> SubmitTopUpAsync(string iccid, string packageId, string? description, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(iccid);
        ArgumentException.ThrowIfNullOrWhiteSpace(packageId);
        return SendDataAsync<PressOneOrder>(HttpMethod.Post, "customer/v2/orders/topups", "top-up order", iccid, () => Form(
            ("package_id", packageId),
            ("iccid", iccid),
            ("description", description)), ct);
    }

    /// <summary>Get eSIM; <c>include=order</c> adds the order as <see cref="PressOneSim.Simable"/>.</summary>
    public Task<PressOneSim> GetEsimAsync(string iccid, bool includeOrder, CancellationToken ct) =>
        SendDataAsync<PressOneSim>(HttpMethod.Get,
            $"customer/v2/sims/{Escape(iccid)}" + new Query().Add("include", includeOrder ? "order,order.status" : null), "get esim", iccid, null, ct);

    public async Task<PressOneInstructions> GetInstructionsAsync(string iccid, CancellationToken ct) =>
        (await SendDataAsync<PressOneInstructionsData>(HttpMethod.Get, $"customer/v2/sims/{Escape(iccid)}/instructions",
            "instructions", iccid, null, ct)).Instructions;

    /// <summary>
    /// Usage is served from a cache upstream (20 minutes), so it may lag the network
    /// (docs/providers/pressone.md §3.3.8).
    /// </summary>
    public Task<PressOneUsage> GetUsageAsync(string iccid, CancellationToken ct) =>
        SendDataAsync<PressOneUsage>(HttpMethod.Get, $"customer/v2/sims/{Escape(iccid)}/usage", "usage", iccid, null, ct);

    /// <summary>
    /// Top-up packages for an eSIM now: an empty list when there are none, NOT_FOUND (404) for an unknown ICCID,
    /// SIM_RECYCLED (422, code 73) for a recycled eSIM (seed 004). PressOne asks to query this before every top-up.
    /// </summary>
    public async Task<IReadOnlyList<PressOnePackage>> GetTopUpPackagesAsync(string iccid, CancellationToken ct) =>
        (await SendAsync<PressOnePage<PressOnePackage>>(HttpMethod.Get, $"customer/v2/sims/{Escape(iccid)}/topups",
            "top-up packages", iccid, null, ct)).Data ?? [];

    public Task<PressOnePage<PressOneOrder>> ListOrdersAsync(PressOneOrderFilter? filter, bool includeSims, int? limit, int? page, CancellationToken ct)
    {
        var query = new Query()
            .Add("include", includeSims ? "sims,status" : "status")
            .Add("filter[description]", filter?.Description)
            .Add("filter[iccid]", filter?.Iccid)
            .Add("filter[code]", filter?.Code)
            .Add("filter[order_status]", filter?.Status)
            .Add("filter[created_at]", DateRange(filter?.CreatedFrom, filter?.CreatedTo))
            .Add("limit", limit)
            .Add("page", page);
        return SendAsync<PressOnePage<PressOneOrder>>(HttpMethod.Get, "customer/v2/orders" + query, "orders", filter?.Iccid, null, ct);
    }

    public async IAsyncEnumerable<PressOneOrder> ListAllOrdersAsync(PressOneOrderFilter? filter, bool includeSims,
        [EnumeratorCancellation] CancellationToken ct)
    {
        for (var page = 1; ; page++)
        {
            var result = await ListOrdersAsync(filter, includeSims, _options.PageSize, page, ct);
            foreach (var order in result.Data ?? []) yield return order;
            if (IsLastPage(result.Meta, page, result.Data?.Count ?? 0)) yield break;
        }
    }

    public Task<PressOneOrder> GetOrderAsync(long orderId, CancellationToken ct) =>
        SendDataAsync<PressOneOrder>(HttpMethod.Get, $"customer/v2/orders/{orderId}?include=sims,status", "get order", null, null, ct);

    /// <summary>eSIMs list; <paramref name="iccid"/> matches as a substring upstream.</summary>
    public Task<PressOnePage<PressOneSim>> ListEsimsAsync(string? iccid, bool includeOrder, int? limit, int? page, CancellationToken ct)
    {
        var query = new Query()
            .Add("include", includeOrder ? "order,order.status" : null)
            .Add("filter[iccid]", iccid)
            .Add("limit", limit)
            .Add("page", page);
        return SendAsync<PressOnePage<PressOneSim>>(HttpMethod.Get, "customer/v2/sims" + query, "esims", iccid, null, ct);
    }

    /// <summary>
    /// Every package bought for the eSIM. PressOne allows one call per eSIM every 15 minutes
    /// (docs/providers/pressone.md §3.1 #4).
    /// </summary>
    public async Task<IReadOnlyList<PressOnePackageBucket>> GetPackageHistoryAsync(string iccid, CancellationToken ct) =>
        (await SendAsync<PressOnePage<PressOnePackageBucket>>(HttpMethod.Get, $"customer/v2/sims/{Escape(iccid)}/packages",
            "package history", iccid, null, ct)).Data ?? [];

    private async Task<T> SendDataAsync<T>(HttpMethod method, string path, string operation, string? iccid, Func<HttpContent>? content, CancellationToken ct)
    {
        var envelope = await SendAsync<PressOneEnvelope<T>>(method, path, operation, iccid, content, ct);
        return envelope.Data ?? throw Unreadable(operation, "no data", outcomeUnknown: method != HttpMethod.Get);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string operation, string? iccid, Func<HttpContent>? content, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendAuthorizedAsync<T>(method, path, operation, iccid, content, ct);
            }
            catch (PressOneApiException e) when (method == HttpMethod.Get && e.Retryable && attempt <= _options.ReadRetries
                                                 && UpstreamTransport.ReadRetryDelay(e, attempt, _options.MaxRetryDelay) is { } delay)
            {
                logger.LogWarning("PressOne {Operation} {Iccid} failed with {Code}; retry {Attempt} in {DelayMs} ms",
                    operation, Iccids.Tail(iccid), e.Code, attempt, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, ct);
            }
        }
    }

    private async Task<T> SendAuthorizedAsync<T>(HttpMethod method, string path, string operation, string? iccid, Func<HttpContent>? content, CancellationToken ct)
    {
        var token = await tokens.GetAsync(TokenKey, RequestTokenAsync, ct);
        try
        {
            return await SendOnceAsync<T>(method, path, operation, iccid, content, token, ct);
        }
        catch (PressOneApiException e) when (e.HttpStatus == 401)
        {
            // PressOne, like Airalo, checks the bearer token before it looks at the request, so a 401 means nothing was
            // done: replaying once with a new token cannot buy twice, even for an order or a top-up.
            logger.LogInformation("PressOne refused the token for {Operation}; fetching a new one", operation);
            tokens.Invalidate(TokenKey, token);
            token = await tokens.GetAsync(TokenKey, RequestTokenAsync, ct);
            try
            {
                return await SendOnceAsync<T>(method, path, operation, iccid, content, token, ct);
            }
            catch (PressOneApiException again) when (again.HttpStatus == 401)
            {
                throw new PressOneApiException(PressOneErrorCodes.Unauthenticated, again.Message, 401, retryable: false, inner: again);
            }
        }
    }

    private async Task<IssuedToken> RequestTokenAsync(CancellationToken ct)
    {
        // Asking for a token changes nothing upstream, so it is retried like a read.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var body = await SendOnceAsync<PressOneEnvelope<PressOneToken>>(HttpMethod.Post, "customer/v2/token", "token", null,
                    () => new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["client_id"] = _options.ClientId,
                        ["client_secret"] = _options.ClientSecret,
                        ["grant_type"] = "client_credentials",
                    }), token: null, ct);
                var token = body.Data is { AccessToken.Length: > 0 } data ? data : throw Unreadable("token", "no access_token");
                var lifetime = token.ExpiresIn is { } seconds && seconds > 0 && TimeSpan.FromSeconds(seconds) < _options.TokenLifetime
                    ? TimeSpan.FromSeconds(seconds)
                    : _options.TokenLifetime;
                var margin = TimeSpan.FromTicks(Math.Min(_options.TokenRefreshMargin.Ticks, lifetime.Ticks / 10));
                logger.LogInformation("PressOne issued a token; it is used for {Minutes} minutes", (int)(lifetime - margin).TotalMinutes);
                return new IssuedToken(token.AccessToken, lifetime - margin);
            }
            catch (PressOneApiException e) when (e.HttpStatus is 401 or 422)
            {
                throw new PressOneApiException(PressOneErrorCodes.InvalidClient,
                    $"PressOne refused the client credentials (PressOne:ClientId / PressOne:ClientSecret): {e.Message}",
                    e.HttpStatus, retryable: false, fields: e.Fields, inner: e);
            }
            catch (PressOneApiException e) when (e.Retryable && attempt <= _options.ReadRetries && UpstreamTransport.ReadRetryDelay(e, attempt, _options.MaxRetryDelay) is { } delay)
            {
                logger.LogWarning("PressOne token failed with {Code}; retry {Attempt} in {DelayMs} ms", e.Code, attempt, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, ct);
            }
        }
    }


    private async Task<T> SendOnceAsync<T>(HttpMethod method, string path, string operation, string? iccid, Func<HttpContent>? content,
        string? token, CancellationToken ct)
    {
        // The token request changes nothing; every other POST is an order or a top-up.
        var chargeable = method != HttpMethod.Get && token is not null;
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(_options.Language));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = content?.Invoke();

        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (Exception e) when (UpstreamTransport.Classify(e, ct) is { } failure)
        {
            var (code, message, outcomeUnknown) = UpstreamTransport.Describe(failure, e, "PressOne", operation, iccid, http.Timeout, chargeable, logger);
            throw new PressOneApiException(code, message, null, retryable: true, outcomeUnknown: outcomeUnknown, inner: e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            logger.LogDebug("PressOne {Operation} {Iccid} answered {Status} in {ElapsedMs} ms",
                operation, Iccids.Tail(iccid), status, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
                throw ToException(response, text, operation, chargeable);
            try
            {
                return JsonSerializer.Deserialize<T>(text, PressOneJson.Options) ?? throw new JsonException("The body is JSON null.");
            }
            catch (JsonException e)
            {
                // The call succeeded upstream, so for an order the work is done but unreadable: let the caller look it up.
                throw new PressOneApiException(PressOneErrorCodes.InvalidResponse, $"PressOne {operation} answered {status} with an unreadable body.",
                    status, retryable: false, outcomeUnknown: chargeable, inner: e);
            }
        }
    }

    internal static PressOneApiException ToException(HttpResponseMessage response, string text, string operation, bool chargeable)
    {
        var status = (int)response.StatusCode;
        var error = PressOneError.Parse(text);
        var retryAfter = RetryAfter(response);
        string code;
        bool retryable, outcomeUnknown = false;
        if (error.BusinessCode is { } business)
        {
            code = PressOneErrorCodes.ForBusinessCode(business);
            // Maintenance and stock are passing states; 53 is an upstream fault that may have struck after the charge.
            retryable = business is 13 or 33 or 53;
            outcomeUnknown = chargeable && business == 53;
        }
        else
        {
            code = status switch
            {
                401 => PressOneErrorCodes.Unauthenticated,
                404 => PressOneErrorCodes.NotFound,
                422 => ValidationCode(error.Fields),
                429 => PressOneErrorCodes.RateLimited,
                _ => $"HTTP_{status}",
            };
            retryable = status is 429 or 500 or 502 or 503 or 504;
            // A 5xx on an order may come after the work was done (gateway, crash); only a refusal with a body is definite.
            outcomeUnknown = chargeable && status >= 500;
        }
        var detail = error.Message ?? response.ReasonPhrase;
        if (error.Fields.Count > 0) detail = string.Join("; ", error.Fields.Select(f => $"{f.Key}: {f.Value}"));
        return new PressOneApiException(code, $"PressOne {operation} failed with {status} {code}: {detail}", status, retryable,
            outcomeUnknown, retryAfter, error.BusinessCode, error.Fields);
    }

    private static string ValidationCode(IReadOnlyDictionary<string, string> fields)
    {
        if (fields.TryGetValue("package_id", out var package))
        {
            if (package.Contains("order_exceed_limit", StringComparison.OrdinalIgnoreCase)) return PressOneErrorCodes.OrderLimitExceeded;
            if (package.Contains("topup", StringComparison.OrdinalIgnoreCase)) return PressOneErrorCodes.InvalidTopUpPackage;
            if (package.Contains("invalid", StringComparison.OrdinalIgnoreCase)) return PressOneErrorCodes.InvalidPackage;
        }
        if (fields.TryGetValue("iccid", out var iccid) && iccid.Contains("invalid", StringComparison.OrdinalIgnoreCase))
            return PressOneErrorCodes.InvalidIccid;
        return PressOneErrorCodes.ValidationFailed;
    }

    private static bool IsLastPage(PressOneMeta? meta, int page, int count) =>
        meta?.LastPage is { } last ? page >= last : count == 0 || meta?.PerPage is not { } perPage || count < perPage;

    private static string? DateRange(DateOnly? from, DateOnly? to) => from is null && to is null ? null
        : $"{(from ?? DateOnly.MinValue):yyyy-MM-dd} - {(to ?? DateOnly.MaxValue):yyyy-MM-dd}";

    /// <summary>
    /// Orders and top-ups go as multipart form data, as the API documents them
    /// (docs/providers/pressone.md §3.3.5, §3.3.10).
    /// </summary>
    private static MultipartFormDataContent Form(params (string Name, string? Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
            if (value is not null) form.Add(new StringContent(value), name);
        return form;
    }

    private static PressOneApiException Unreadable(string operation, string what, bool outcomeUnknown = false) =>
        new(PressOneErrorCodes.InvalidResponse, $"PressOne {operation} answered without {what}.", null, retryable: false, outcomeUnknown);

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// <summary>Logs carry only the ICCID's last digits, never the whole identifier of a customer's line.</summary>

    private sealed class Query
    {
        private readonly List<string> _parts = [];

        public Query Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) _parts.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value));
            return this;
        }

        public Query Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

        public override string ToString() => _parts.Count == 0 ? "" : "?" + string.Join('&', _parts);
    }
}

/// <summary>
/// The three error bodies of the Airalo v2 shape (docs/providers/pressone.md §3.2): business <c>{"code": n,
/// "reason"}</c>, validation <c>{"data": {field: message}, "meta": {"message"}}</c> and plain <c>{"message"}</c> /
/// <c>{"meta": {"message"}}</c>.
/// </summary>
internal sealed record PressOneError(int? BusinessCode, string? Message, IReadOnlyDictionary<string, string> Fields)
{
    public static PressOneError Parse(string text)
    {
        var fields = new Dictionary<string, string>();
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new(null, null, fields);
            int? business = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : null;
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
                foreach (var field in data.EnumerateObject())
                    fields[field.Name] = field.Value.ValueKind switch
                    {
                        JsonValueKind.String => field.Value.GetString()!,
                        JsonValueKind.Array => string.Join(" ", field.Value.EnumerateArray().Select(v => v.ToString())),
                        _ => field.Value.GetRawText(),
                    };
            var message = Str(root, "reason") ?? Str(root, "message")
                          ?? (root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object ? Str(meta, "message") : null);
            return new(business, message, fields);
        }
        catch (JsonException)
        {
            return new(null, null, fields);
        }

        static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
