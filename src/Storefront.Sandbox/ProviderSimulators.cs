using Storefront.Sandbox.Citrus;
using Storefront.Sandbox.CloudeSim;
using Storefront.Sandbox.Esimfly;
using Storefront.Sandbox.PressOne;
using Storefront.Sandbox.Roamify;

namespace Storefront.Sandbox;

/// <summary>The simulators of the providers in <see cref="Storefront.Providers.ProviderModules"/>, by the same names.</summary>
public static class ProviderSimulators
{
    public static readonly IReadOnlyList<ProviderSimulator> All =
    [
        new("citrus", services => services.AddCitrusSimulator(), (app, prefix) => app.MapCitrusSimulator(prefix),
            new Dictionary<string, string> { ["Citrus:ApiKey"] = CitrusSimulatorOptions.DefaultApiKey }),
        new("cloudesim", services => services.AddCloudeSimSimulator(), (app, prefix) => app.MapCloudeSimSimulator(prefix),
            new Dictionary<string, string> { ["CloudeSim:ApiToken"] = CloudeSimSimulatorOptions.DefaultApiToken }),
        new("esimfly", services => services.AddEsimflySimulator(), (app, prefix) => app.MapEsimflySimulator(prefix),
            new Dictionary<string, string>
            {
                ["Esimfly:AccessCode"] = EsimflySimulatorOptions.DefaultAccessCode,
                ["Esimfly:SecretKey"] = EsimflySimulatorOptions.DefaultSecretKey,
            }),
        new("pressone", services => services.AddPressOneSimulator(), (app, prefix) => app.MapPressOneSimulator(prefix),
            new Dictionary<string, string>
            {
                ["PressOne:ClientId"] = PressOneSimulatorOptions.DefaultClientId,
                ["PressOne:ClientSecret"] = PressOneSimulatorOptions.DefaultClientSecret,
            }),
        // The Roamify simulator signs its webhooks and sends them to the store's own endpoint.
        new("roamify", services => services.AddRoamifySimulator(o => o.WebhookUrl ??= "/webhooks/roamify"),
            (app, prefix) => app.MapRoamifySimulator(prefix),
            new Dictionary<string, string>
            {
                ["Roamify:AccessToken"] = RoamifySimulatorOptions.DefaultAccessToken,
                ["Roamify:WebhookSecret"] = RoamifySimulatorOptions.DefaultWebhookSecret,
            }),
    ];

    public static ProviderSimulator? Find(string? name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
