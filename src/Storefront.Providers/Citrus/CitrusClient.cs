using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

using Storefront.Domain;

namespace Storefront.Providers.Citrus;

/// <summary>
/// Typed client over the Citrus Mobile reseller API v2 (seed 000; docs/providers/citrus.md §2). Only GETs are retried
/// here; provision and fund are chargeable and have no idempotency key (docs/providers/citrus.md §2.2), so a failure
/// whose outcome is unknown is thrown with <see cref="UpstreamException.OutcomeUnknown"/> for the caller to look the
/// result up.
/// </summary>
public sealed class CitrusClient(HttpClient http, IOptions<CitrusOptions> options, ILogger<CitrusClient> logger)
{
    public const decimal MinFundUsd = 0.01m;
    public const decimal MaxFundUsd = 10000m;
    public const int MaxPageSize = 200;

    private readonly CitrusOptions _options = options.Value;

    public Task<CitrusProvisionedEsim> ProvisionAsync(string? endUserReference, string? label, CancellationToken ct) =>
        SendAsync<CitrusProvisionedEsim>(HttpMethod.Post, "esim/provision", "provision", null,
            new { end_user_reference = endUserReference, label }, ct);

    /// <summary>Chargeable: debits the reseller balance once and credits the eSIM wallet.</summary>
    public Task<CitrusFundedEsim> FundAsync(string iccid, decimal amountUsd, CancellationToken ct)
    {
        if (amountUsd is < MinFundUsd or > MaxFundUsd)
            throw new ArgumentOutOfRangeException(nameof(amountUsd), amountUsd, $"Citrus funds between {MinFundUsd} and {MaxFundUsd} USD.");
        if (decimal.Round(amountUsd, 2) != amountUsd)
            throw new ArgumentException("Citrus funds whole cents.", nameof(amountUsd));
        // Adding 0.00m gives the decimal a scale of 2, so the JSON number is written as e.g. 30.00.
        return SendAsync<CitrusFundedEsim>(HttpMethod.Post, $"esim/{Escape(iccid)}/fund", "fund", iccid,
            new { amount = amountUsd + 0.00m }, ct);
    }

    public Task<CitrusEsim> GetEsimAsync(string iccid, CancellationToken ct) =>
        SendAsync<CitrusEsim>(HttpMethod.Get, $"esim/{Escape(iccid)}", "get esim", iccid, null, ct);

    public Task<CitrusEsimPage> ListEsimsAsync(string? status, int? limit, int? offset, CancellationToken ct)
    {
        var query = new List<string>();
        if (status is not null) query.Add("status=" + Uri.EscapeDataString(status));
        if (limit is not null) query.Add("limit=" + limit);
        if (offset is not null) query.Add("offset=" + offset);
        var path = query.Count == 0 ? "esim/list" : "esim/list?" + string.Join('&', query);
        return SendAsync<CitrusEsimPage>(HttpMethod.Get, path, "list esims", null, null, ct);
    }

    /// <summary>Every eSIM (optionally of one status), page by page.</summary>
    public async IAsyncEnumerable<CitrusEsim> ListAllEsimsAsync(string? status, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var offset = 0; ; offset += MaxPageSize)
        {
            var page = await ListEsimsAsync(status, MaxPageSize, offset, ct);
            var esims = page.Esims ?? [];
            foreach (var esim in esims) yield return esim;
            if (esims.Count < MaxPageSize || (page.Total is { } total && offset + esims.Count >= total)) yield break;
        }
    }

    public Task<CitrusEsim> ThrottleAsync(string iccid, CitrusSpeed speed, CancellationToken ct) =>
        SendAsync<CitrusEsim>(HttpMethod.Post, $"esim/{Escape(iccid)}/throttle", "throttle", iccid, new { speed }, ct);

    /// <summary>Resumes data (seed: "enable").</summary>
    public Task<CitrusEsim> EnableAsync(string iccid, CancellationToken ct) =>
        SendAsync<CitrusEsim>(HttpMethod.Post, $"esim/{Escape(iccid)}/enable", "enable", iccid, null, ct);

    /// <summary>Pauses data (seed: "disable").</summary>
    public Task<CitrusEsim> DisableAsync(string iccid, CancellationToken ct) =>
        SendAsync<CitrusEsim>(HttpMethod.Post, $"esim/{Escape(iccid)}/disable", "disable", iccid, null, ct);

    /// <summary>Irreversible; the wallet balance is forfeited (docs/providers/citrus.md §2.4).</summary>
    public Task<CitrusEsim> TerminateAsync(string iccid, CancellationToken ct) =>
        SendAsync<CitrusEsim>(HttpMethod.Post, $"esim/{Escape(iccid)}/terminate", "terminate", iccid, null, ct);

    /// <summary>Returns the displayed wallet to the reseller balance, asynchronously (202, settles in ~15 min).</summary>
    public Task<CitrusDefund> DefundAsync(string iccid, CancellationToken ct) =>
        SendAsync<CitrusDefund>(HttpMethod.Post, $"esim/{Escape(iccid)}/defund", "defund", iccid, null, ct);

    /// <summary>Per-country, per-operator prices at which wallets drain; <paramref name="country"/> is ISO2 (seed).</summary>
    public Task<CitrusRates> GetRatesAsync(string? country, CancellationToken ct) =>
        SendAsync<CitrusRates>(HttpMethod.Get, country is null ? "rates" : "rates?country=" + Uri.EscapeDataString(country),
            "rates", null, null, ct);

    public Task<CitrusWalletBalance> GetWalletBalanceAsync(CancellationToken ct) =>
        SendAsync<CitrusWalletBalance>(HttpMethod.Get, "wallet/balance", "wallet balance", null, null, ct);

    public Task<CitrusAccount> GetAccountAsync(CancellationToken ct) =>
        SendAsync<CitrusAccount>(HttpMethod.Get, "account", "account", null, null, ct);

    /// <summary>Registers a webhook; the answer carries the signing secret, which Citrus never shows again.</summary>
    public Task<CitrusWebhookRegistration> RegisterWebhookAsync(string url, IReadOnlyList<string> events, CancellationToken ct) =>
        SendAsync<CitrusWebhookRegistration>(HttpMethod.Post, "webhooks", "register webhook", null, new { url, events }, ct);

    public async Task<IReadOnlyList<CitrusWebhookInfo>> ListWebhooksAsync(CancellationToken ct)
    {
        // The list shape is undocumented (docs/providers/citrus.md §6.3): accept a bare array or {"webhooks": [...]}.
        var json = await SendAsync<JsonElement>(HttpMethod.Get, "webhooks", "list webhooks", null, null, ct);
        var list = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("webhooks", out var inner) ? inner : json;
        return list.Deserialize<List<CitrusWebhookInfo>>(CitrusJson.Options) ?? [];
    }

    public Task DeleteWebhookAsync(string id, CancellationToken ct) =>
        SendAsync<JsonElement>(HttpMethod.Delete, $"webhooks/{Escape(id)}", "delete webhook", null, null, ct);

    public Task<CitrusWebhookTestResult> TestWebhookAsync(string id, CancellationToken ct) =>
        SendAsync<CitrusWebhookTestResult>(HttpMethod.Post, $"webhooks/{Escape(id)}/test", "test webhook", null, null, ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string operation, string? iccid, object? body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync<T>(method, path, operation, iccid, body, ct);
            }
            catch (CitrusApiException e) when (method == HttpMethod.Get && e.Retryable && attempt <= _options.ReadRetries
                                               && UpstreamTransport.ReadRetryDelay(e, attempt, _options.MaxRetryDelay) is { } delay)
            {
                logger.LogWarning("Citrus {Operation} {Iccid} failed with {Code}; retry {Attempt} in {DelayMs} ms",
                    operation, Iccids.Tail(iccid), e.Code, attempt, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, ct);
            }
        }
    }


    private async Task<T> SendOnceAsync<T>(HttpMethod method, string path, string operation, string? iccid, object? body, CancellationToken ct)
    {
        var mutation = method != HttpMethod.Get;
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        if (body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(body, CitrusJson.Options), Encoding.UTF8, "application/json");

        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (Exception e) when (UpstreamTransport.Classify(e, ct) is { } failure)
        {
            var (code, message, outcomeUnknown) = UpstreamTransport.Describe(failure, e, "Citrus", operation, iccid, http.Timeout, mutation, logger);
            throw new CitrusApiException(code, message, null, retryable: true, outcomeUnknown: outcomeUnknown, inner: e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            logger.LogDebug("Citrus {Operation} {Iccid} answered {Status} in {ElapsedMs} ms",
                operation, Iccids.Tail(iccid), status, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
                throw ToException(response, text, operation, mutation);
            if (typeof(T) == typeof(JsonElement) && string.IsNullOrWhiteSpace(text))
                return default!;
            try
            {
                return JsonSerializer.Deserialize<T>(text, CitrusJson.Options)
                       ?? throw new JsonException("The body is JSON null.");
            }
            catch (JsonException e)
            {
                // The call succeeded upstream, so for a mutation the work is done but unreadable: let the caller look it up.
                throw new CitrusApiException(CitrusErrorCodes.InvalidResponse, $"Citrus {operation} answered {status} with an unreadable body.",
                    status, retryable: false, outcomeUnknown: mutation, inner: e);
            }
        }
    }

    private static CitrusApiException ToException(HttpResponseMessage response, string text, string operation, bool mutation)
    {
        var status = (int)response.StatusCode;
        var (code, message) = ParseError(text);
        code ??= response.StatusCode == HttpStatusCode.TooManyRequests ? CitrusErrorCodes.RateLimited : $"HTTP_{status}";
        // A 500 is as passing as a 502 (the fault tests saw single 500s on reads and look-ups): retry it like any 5xx.
        var retryable = status is 429 or >= 500;
        // A 5xx on a mutation may come after the work was done (gateway, crash); only a Citrus refusal is definite.
        var outcomeUnknown = mutation && status >= 500 && code != CitrusErrorCodes.NoEsimsAvailable;
        return new CitrusApiException(code, $"Citrus {operation} failed with {status} {code}: {message ?? response.ReasonPhrase}",
            status, retryable, outcomeUnknown, RetryAfter(response));
    }

    /// <summary>
    /// Citrus errors are <c>{"error": CODE, "message": …}</c>; integrators also read code/detail
    /// (docs/providers/citrus.md §2.2).
    /// </summary>
    internal static (string? Code, string? Message) ParseError(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, null);
            return (Str(doc.RootElement, "error") ?? Str(doc.RootElement, "code"),
                    Str(doc.RootElement, "message") ?? Str(doc.RootElement, "detail"));
        }
        catch (JsonException)
        {
            return (null, null);
        }

        static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// <summary>Logs carry only the ICCID's last digits, never the whole identifier of a customer's line.</summary>
}
