using System.Net.Http.Headers;
using System.Text;

namespace Storefront.Sandbox.Simulation;

/// <summary>One webhook delivery attempt to make: the raw body and its signature, to a URL.</summary>
public sealed record WebhookDelivery(string Id, string Url, string Body, string Signature);

/// <summary>What a simulator's state offers its webhook dispatcher: due deliveries in, attempts back.</summary>
public interface IWebhookOutbox
{
    /// <summary>The oldest due delivery, marked in flight; null when none is due.</summary>
    WebhookDelivery? TakeNextDueDelivery();

    /// <summary>Records one attempt (a status code, or why there was none) and schedules the retry, if any.</summary>
    void RecordAttempt(string deliveryId, int? statusCode, string? error);

    /// <summary>Waits until new work may be due, or <paramref name="timeout"/> passes.</summary>
    Task WaitForWorkAsync(TimeSpan timeout, CancellationToken ct);

    TimeSpan WebhookTimeout { get; }
}

/// <summary>
/// Delivers a simulator's webhooks: POSTs each due delivery's raw body with its signature header, one at a time and
/// in order, and reports each attempt back to the <see cref="IWebhookOutbox"/>, which schedules the retries.
/// </summary>
public abstract class SimulatorWebhookDispatcher(
    IWebhookOutbox outbox,
    IHttpClientFactory httpClients,
    string httpClientName,
    string signatureHeader,
    ILogger logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (outbox.TakeNextDueDelivery() is { } delivery)
                    await SendAsync(delivery, stoppingToken);
                await outbox.WaitForWorkAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Simulator webhook dispatch failed");
                await Task.Delay(Poll, stoppingToken);
            }
        }
    }

    /// <summary>One attempt, recorded in the outbox: the answer's status code, or why there was none.</summary>
    internal async Task<(int? StatusCode, string? Error)> SendAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Resolve(delivery.Url));
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(delivery.Body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(signatureHeader, delivery.Signature);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(outbox.WebhookTimeout);
            using var response = await httpClients.CreateClient(httpClientName).SendAsync(request, timeout.Token);
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
        {
            error = e.Message;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = "timeout";
        }
        logger.LogDebug("Simulator webhook delivery {DeliveryId} answered {Status}", delivery.Id, status?.ToString() ?? error);
        outbox.RecordAttempt(delivery.Id, status, error);
        return (status, error);
    }

    /// <summary>Where to POST a delivery's URL.</summary>
    protected virtual Uri Resolve(string url) => new(url, UriKind.Absolute);
}
