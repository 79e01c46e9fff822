using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Storefront.Payments;

/// <summary>
/// A small client for the parts of Stripe's REST API the store uses: Checkout Sessions and Refunds.
/// Every POST takes an idempotency key from the caller, derived from the logical operation
/// (e.g. <c>checkout:{orderId}:{attempt}</c>), and reuses it across this client's own retries.
/// </summary>
public sealed class StripeClient(HttpClient http, IOptions<StripeOptions> options, ILogger<StripeClient> logger)
{
    private readonly StripeOptions _options = options.Value;

    public Task<CheckoutSession> CreateCheckoutSessionAsync(CreateCheckoutSessionRequest request, string idempotencyKey, CancellationToken ct) =>
        SendAsync<CheckoutSession>(HttpMethod.Post, "v1/checkout/sessions", request.ToForm(), idempotencyKey, ct);

    public Task<CheckoutSession> GetCheckoutSessionAsync(string id, CancellationToken ct, params string[] expand) =>
        SendAsync<CheckoutSession>(HttpMethod.Get, $"v1/checkout/sessions/{Escape(id)}{Query(new StripeForm().AddList("expand", expand))}", null, null, ct);

    /// <summary>Stops an open session from being paid; Stripe refuses when it is already complete or expired.</summary>
    public Task<CheckoutSession> ExpireCheckoutSessionAsync(string id, string idempotencyKey, CancellationToken ct) =>
        SendAsync<CheckoutSession>(HttpMethod.Post, $"v1/checkout/sessions/{Escape(id)}/expire", new StripeForm(), idempotencyKey, ct);

    public Task<Refund> CreateRefundAsync(CreateRefundRequest request, string idempotencyKey, CancellationToken ct) =>
        SendAsync<Refund>(HttpMethod.Post, "v1/refunds", request.ToForm(), idempotencyKey, ct);

    public Task<Refund> GetRefundAsync(string id, CancellationToken ct) =>
        SendAsync<Refund>(HttpMethod.Get, $"v1/refunds/{Escape(id)}", null, null, ct);

    public Task<PaymentIntent> GetPaymentIntentAsync(string id, CancellationToken ct, params string[] expand) =>
        SendAsync<PaymentIntent>(HttpMethod.Get, $"v1/payment_intents/{Escape(id)}{Query(new StripeForm().AddList("expand", expand))}", null, null, ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string pathAndQuery, StripeForm? form, string? idempotencyKey, CancellationToken ct)
        where T : StripeObject
    {
        if (method == HttpMethod.Post && string.IsNullOrWhiteSpace(idempotencyKey))
            throw new ArgumentException("Every Stripe POST needs an idempotency key.", nameof(idempotencyKey));

        var body = form?.Encode();
        for (var attempt = 1; ; attempt++)
        {
            var retriesLeft = attempt <= _options.MaxNetworkRetries;
            using var request = new HttpRequestMessage(method, pathAndQuery);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.SecretKey);
            request.Headers.Add("Stripe-Version", StripeOptions.ApiVersion);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (idempotencyKey is not null)
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            if (body is not null)
                request.Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.Timeout);

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, timeout.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                var reason = ex is OperationCanceledException ? "timed out" : "connection failed";
                logger.LogWarning("Stripe {Method} {Path} {Reason} on attempt {Attempt}", method, PathOnly(pathAndQuery), reason, attempt);
                if (!retriesLeft)
                    throw new StripeException($"Stripe {method} {PathOnly(pathAndQuery)} {reason}; the outcome is unknown.", null, null, null, idempotencyKey, ex);
                await Task.Delay(StripeRetryPolicy.Backoff(attempt, _options.InitialRetryDelay, _options.MaxRetryDelay), ct);
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var info = new StripeResponseInfo(
                    status,
                    Header(response, "Request-Id"),
                    idempotencyKey,
                    string.Equals(Header(response, "Idempotent-Replayed"), "true", StringComparison.OrdinalIgnoreCase));
                logger.LogInformation(
                    "Stripe {Method} {Path} answered {Status} (request {RequestId}, attempt {Attempt}, replayed {Replayed})",
                    method, PathOnly(pathAndQuery), status, info.RequestId, attempt, info.IdempotentReplayed);

                var content = await response.Content.ReadAsByteArrayAsync(ct);
                if (response.IsSuccessStatusCode)
                {
                    var result = JsonSerializer.Deserialize<T>(content, StripeJson.Options)
                        ?? throw new StripeException($"Stripe returned an empty body for {PathOnly(pathAndQuery)}.", status, null, info.RequestId, idempotencyKey);
                    result.LastResponse = info;
                    return result;
                }

                if (retriesLeft && StripeRetryPolicy.ShouldRetry(status, response.Headers))
                {
                    await Task.Delay(StripeRetryPolicy.Backoff(attempt, _options.InitialRetryDelay, _options.MaxRetryDelay), ct);
                    continue;
                }

                var error = ReadError(content);
                throw new StripeException(error?.Message ?? $"Stripe answered {status}.", status, error, info.RequestId, idempotencyKey);
            }
        }
    }

    private static StripeError? ReadError(byte[] content)
    {
        try
        {
            return JsonSerializer.Deserialize<ErrorEnvelope>(content, StripeJson.Options)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Escape(string id) => Uri.EscapeDataString(id);

    private static string Query(StripeForm form) => form.Pairs.Count == 0 ? "" : "?" + form.Encode();

    private static string PathOnly(string pathAndQuery) => pathAndQuery.Split('?')[0];

    private sealed record ErrorEnvelope(StripeError? Error);
}
