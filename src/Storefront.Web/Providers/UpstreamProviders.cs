using Storefront.Providers.Citrus;
using Storefront.Providers.Citrus.Simulator;
using Storefront.Providers.CloudeSim;
using Storefront.Providers.CloudeSim.Simulator;
using Storefront.Providers.Esimfly;
using Storefront.Providers.Esimfly.Simulator;
using Storefront.Providers.PressOne;
using Storefront.Providers.PressOne.Simulator;
using Storefront.Providers.Roamify;
using Storefront.Providers.Roamify.Simulator;

namespace Storefront.Providers;

/// <summary>How one upstream provider is wired: its real adapter, its simulator, and the credentials the sandbox uses.</summary>
public sealed record UpstreamProvider(
    string Name,
    Action<IServiceCollection, IConfiguration, Func<IServiceProvider, Uri>?> AddProvider,
    Action<IServiceCollection> AddSimulator,
    Action<IEndpointRouteBuilder, string> MapSimulator,
    IReadOnlyDictionary<string, string> SandboxCredentials)
{
    public string SandboxPrefix => $"/sandbox/{Name}";
}

/// <summary>The five providers a store can sell through (Provider:Name).</summary>
public static class UpstreamProviders
{
    public static readonly IReadOnlyList<UpstreamProvider> All =
    [
        new("citrus",
            (services, configuration, baseAddress) => services.AddCitrusProvider(configuration, baseAddress),
            services => services.AddCitrusSimulator(),
            (app, prefix) => app.MapCitrusSimulator(prefix),
            new Dictionary<string, string> { ["Citrus:ApiKey"] = CitrusSimulatorOptions.DefaultApiKey }),
        new("cloudesim",
            (services, configuration, baseAddress) => services.AddCloudeSimProvider(configuration, baseAddress),
            services => services.AddCloudeSimSimulator(),
            (app, prefix) => app.MapCloudeSimSimulator(prefix),
            new Dictionary<string, string> { ["CloudeSim:ApiToken"] = CloudeSimSimulatorOptions.DefaultApiToken }),
        new("esimfly",
            (services, configuration, baseAddress) => services.AddEsimflyProvider(configuration, baseAddress),
            services => services.AddEsimflySimulator(),
            (app, prefix) => app.MapEsimflySimulator(prefix),
            new Dictionary<string, string>
            {
                ["Esimfly:AccessCode"] = EsimflySimulatorOptions.DefaultAccessCode,
                ["Esimfly:SecretKey"] = EsimflySimulatorOptions.DefaultSecretKey,
            }),
        new("pressone",
            (services, configuration, baseAddress) => services.AddPressOneProvider(configuration, baseAddress),
            services => services.AddPressOneSimulator(),
            (app, prefix) => app.MapPressOneSimulator(prefix),
            new Dictionary<string, string>
            {
                ["PressOne:ClientId"] = PressOneSimulatorOptions.DefaultClientId,
                ["PressOne:ClientSecret"] = PressOneSimulatorOptions.DefaultClientSecret,
            }),
        new("roamify",
            (services, configuration, baseAddress) => services.AddRoamifyProvider(configuration, baseAddress),
            // The simulator signs its webhooks and sends them to the store's own endpoint.
            services => services.AddRoamifySimulator(o => o.WebhookUrl ??= "/webhooks/roamify"),
            (app, prefix) => app.MapRoamifySimulator(prefix),
            new Dictionary<string, string>
            {
                ["Roamify:AccessToken"] = RoamifySimulatorOptions.DefaultAccessToken,
                ["Roamify:WebhookSecret"] = RoamifySimulatorOptions.DefaultWebhookSecret,
            }),
    ];

    public static UpstreamProvider? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
