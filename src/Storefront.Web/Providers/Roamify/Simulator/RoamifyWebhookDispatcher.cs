using System.Net.Http.Headers;
using System.Text;
using Storefront.Payments;

namespace Storefront.Providers.Roamify.Simulator;

/// <summary>
/// Delivers the simulator's webhook events: POSTs the raw body with <c>X-Roamify-Signature</c>, in order, and reports each
/// attempt back to <see cref="RoamifySimulatorState"/>, which schedules the retries (notes §2.4).
/// </summary>
public sealed class RoamifyWebhookDispatcher(
    RoamifySimulatorState state,
    IHttpClientFactory httpClients,
    IServiceProvider services,
    ILogger<RoamifyWebhookDispatcher> logger) : BackgroundService
{
    internal const string HttpClientName = "RoamifySimulator.Webhooks";
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
                logger.LogError(e, "Roamify simulator webhook dispatch failed");
                await Task.Delay(Poll, stoppingToken);
            }
        }
    }

    private async Task SendAsync(RoamifyDeliveryWork work, CancellationToken ct)
    {
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, AppSelfAddress.Resolve(services, work.Url));
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(work.Body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(RoamifyWebhook.SignatureHeader, work.Signature);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(state.WebhookTimeout);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            error = e.Message;
        }
        catch (InvalidOperationException e)
        {
            error = e.Message;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = "timeout";
        }
        logger.LogDebug("Roamify simulator delivery {DeliveryId} answered {Status}", work.DeliveryId, status?.ToString() ?? error);
        state.RecordAttempt(work.DeliveryId, status, error);
    }
}
