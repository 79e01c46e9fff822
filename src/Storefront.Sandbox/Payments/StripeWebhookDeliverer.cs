using System.Diagnostics;
using System.Globalization;
using System.Text;
using Stripe;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Storefront.Sandbox.Payments;

/// <summary>
/// Delivers the simulator's events as Stripe does (docs/payments/stripe.md §3.4, §8.8): a POST of the event's JSON,
/// signed afresh on every attempt; any 2xx is success, anything else (3xx included) is retried on the configured
/// schedule.
/// </summary>
public sealed class StripeWebhookDeliverer(
    StripeSimulatorState state,
    IHttpClientFactory httpClients,
    IOptions<StripeSimulatorOptions> options,
    ILogger<StripeWebhookDeliverer> logger) : BackgroundService
{
    internal const string HttpClientName = "StripeSimulator.Webhooks";
    private const string UserAgent = "Stripe/1.0 (+https://stripe.com/docs/webhooks)";

    /// <summary>Test mode adds a v0 signature made with a secret nobody has; receivers must ignore it.</summary>
    private static readonly string DummyV0Secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        try
        {
            await foreach (var delivery in state.Deliveries.ReadAllAsync(stoppingToken))
            {
                running.RemoveAll(task => task.IsCompleted);
                running.Add(DeliverAsync(delivery, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(running);
    }

    private async Task DeliverAsync(WebhookDelivery delivery, CancellationToken stoppingToken)
    {
        var schedule = options.Value.EffectiveRetrySchedule;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (await AttemptAsync(delivery, attempt, stoppingToken) || attempt > schedule.Count)
                    return;
                await Task.Delay(schedule[attempt - 1], state.Time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Delivery of simulated Stripe event {EventId} stopped", delivery.EventId);
        }
    }

    private async Task<bool> AttemptAsync(WebhookDelivery delivery, int attempt, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var now = state.Time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url);
        request.Content = new ByteArrayContent(delivery.Payload);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.Accept.ParseAdd("*/*; q=0.5, application/xml");
        request.Headers.Add("Stripe-Signature", SignatureHeader(delivery.Payload, settings.WebhookSecret, now));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(settings.DeliveryTimeout);
        var clock = Stopwatch.StartNew();
        int? status = null;
        string? error = null;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException ex)
        {
            error = ex.Message;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            error = $"No response within {settings.DeliveryTimeout.TotalSeconds:0} s";
        }

        var succeeded = status is >= 200 and < 300;
        state.RecordAttempt(new WebhookAttempt(
            delivery.EventId, delivery.EventType, delivery.Url.ToString(), attempt, now, status, error, clock.Elapsed.TotalMilliseconds, succeeded));
        logger.LogInformation(
            "Simulated Stripe webhook {EventId} {EventType} attempt {Attempt}: {Outcome}",
            delivery.EventId, delivery.EventType, attempt, succeeded ? "delivered" : status?.ToString() ?? error);
        return succeeded;
    }

    /// <summary>
    /// <c>t=…,v1=…,v0=…</c> as Stripe sends it (docs/payments/stripe.md §3.3): v1 is HMAC-SHA256 over <c>t + "." +
    /// body</c> with the endpoint's secret, computed by Stripe.net's own <see cref="EventUtility.ComputeSignature"/>.
    /// </summary>
    internal static string SignatureHeader(byte[] payload, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetString(payload);
        return $"t={timestamp},v1={EventUtility.ComputeSignature(secret, timestamp, body)},v0={EventUtility.ComputeSignature(DummyV0Secret, timestamp, body)}";
    }
}
