using System.Net.Http.Headers;
using System.Text;

namespace Storefront.Providers.Citrus.Simulator;

/// <summary>
/// Delivers the simulator's webhook events: POSTs the raw envelope with <c>X-Citrus-Signature</c>, in order, and
/// reports each attempt back to <see cref="CitrusSimulatorState"/>, which schedules retries (notes §5.1 "Webhooks").
/// </summary>
public sealed class CitrusWebhookDispatcher(
    CitrusSimulatorState state,
    IHttpClientFactory httpClients,
    ILogger<CitrusWebhookDispatcher> logger) : BackgroundService
{
    internal const string HttpClientName = "CitrusSimulator.Webhooks";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (state.TakeNextDueDelivery() is { } work)
                    await SendAsync(work, stoppingToken);
                await state.WaitForWorkAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Citrus simulator webhook dispatch failed");
                await Task.Delay(Poll, stoppingToken);
            }
        }
    }

    internal async Task<(int? StatusCode, string? Error)> SendAsync(DeliveryWork work, CancellationToken ct)
    {
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, work.Url);
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(work.Body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(CitrusWebhook.SignatureHeader, work.Signature);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(state.WebhookTimeout);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            error = e.Message;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = "timeout";
        }
        logger.LogDebug("Citrus simulator delivery {DeliveryId} answered {Status}", work.DeliveryId, status?.ToString() ?? error);
        state.RecordAttempt(work.DeliveryId, status, error);
        return (status, error);
    }
}
