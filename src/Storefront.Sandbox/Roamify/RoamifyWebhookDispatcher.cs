using Storefront.Payments;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Roamify;
using Storefront.Domain;

namespace Storefront.Sandbox.Roamify;

/// <summary>
/// Delivers the simulator's webhook events with <c>X-Roamify-Signature</c>; <see cref="RoamifySimulatorState"/> schedules
/// the retries (docs/providers/roamify.md §2.4).
/// </summary>
public sealed class RoamifyWebhookDispatcher(
    RoamifySimulatorState state,
    IHttpClientFactory httpClients,
    IServiceProvider services,
    ILogger<RoamifyWebhookDispatcher> logger)
    : SimulatorWebhookDispatcher(state, httpClients, HttpClientName, RoamifyWebhook.SignatureHeader, logger)
{
    internal const string HttpClientName = "RoamifySimulator.Webhooks";

    /// <summary>The sandbox's webhook URL is a path on the store itself, whose address is known once it listens.</summary>
    protected override Uri Resolve(string url) => AppSelfAddress.Resolve(services, url);
}
