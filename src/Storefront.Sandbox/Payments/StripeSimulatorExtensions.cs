using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.Payments;

namespace Storefront.Sandbox.Payments;

public static class StripeSimulatorExtensions
{
    /// <summary>
    /// Registers the simulator's state, its options (section "Sandbox:Stripe", then <paramref name="configure"/>)
    /// and the webhook deliverer. The webhook secret defaults to the store's "Stripe:WebhookSecret", so the store
    /// verifies what the simulator signs.
    /// </summary>
    public static IServiceCollection AddStripeSimulator(this IServiceCollection services, Action<StripeSimulatorOptions>? configure = null)
    {
        var options = services.AddOptions<StripeSimulatorOptions>().BindConfiguration(StripeSimulatorOptions.SectionName);
        if (configure is not null)
            options.Configure(configure);
        options
            .PostConfigure<IConfiguration>((simulator, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(simulator.WebhookSecret))
                    simulator.WebhookSecret = configuration[$"{StripeOptions.SectionName}:{nameof(StripeOptions.WebhookSecret)}"] ?? "";
            })
            .Validate(
                simulator => !simulator.DeliversWebhooks || simulator.WebhookSecret.StartsWith("whsec_", StringComparison.Ordinal),
                $"{StripeSimulatorOptions.SectionName}:WebhookSecret (or Stripe:WebhookSecret) must be set to a whsec_… secret when a webhook URL is configured.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StripeSimulatorState>();
        services.AddHttpClient(StripeWebhookDeliverer.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHostedService<StripeWebhookDeliverer>();
        return services;
    }

    /// <summary>
    /// Maps the simulator under <paramref name="prefix"/> ("" for the root, "/sandbox/stripe" in the app): the API
    /// (/v1/…), the hosted payment page (/c/pay/{id}) and the test-control routes (/_sim/…). Session URLs are built
    /// from each request's own scheme, host and this prefix.
    /// </summary>
    public static RouteGroupBuilder MapStripeSimulator(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        var normalized = prefix.Trim('/') is { Length: > 0 } trimmed ? "/" + trimmed : "";
        var group = endpoints.MapGroup(normalized);
        SimulatorApiEndpoints.Map(group, normalized);
        HostedCheckoutEndpoints.Map(group);
        SimulatorControlEndpoints.Map(group);
        return group;
    }
}
