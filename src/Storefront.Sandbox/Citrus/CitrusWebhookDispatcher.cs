using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Citrus;
using Storefront.Domain;

namespace Storefront.Sandbox.Citrus;

/// <summary>
/// Delivers the simulator's webhook events with <c>X-Citrus-Signature</c>; <see cref="CitrusSimulatorState"/> schedules
/// the retries (docs/providers/citrus.md §5.1 "Webhooks").
/// </summary>
public sealed class CitrusWebhookDispatcher(CitrusSimulatorState state, IHttpClientFactory httpClients, ILogger<CitrusWebhookDispatcher> logger)
    : SimulatorWebhookDispatcher(state, httpClients, HttpClientName, CitrusWebhook.SignatureHeader, logger)
{
    internal const string HttpClientName = "CitrusSimulator.Webhooks";
}
