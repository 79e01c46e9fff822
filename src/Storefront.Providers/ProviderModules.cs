using Storefront.Providers.Citrus;
using Storefront.Providers.CloudeSim;
using Storefront.Providers.Esimfly;
using Storefront.Providers.PressOne;
using Storefront.Providers.Roamify;

namespace Storefront.Providers;

/// <summary>
/// The providers a store can sell through. A sixth is a folder beside these five (client, options, adapter and its
/// Add…Provider registration) and one line here; nothing else in the store names providers.
/// </summary>
public static class ProviderModules
{
    public static readonly IReadOnlyList<ProviderModule> All =
    [
        new("citrus", CitrusOptions.Section, (services, configuration) => services.AddCitrusProvider(configuration)),
        new("cloudesim", CloudeSimOptions.Section, (services, configuration) => services.AddCloudeSimProvider(configuration)),
        new("esimfly", EsimflyOptions.Section, (services, configuration) => services.AddEsimflyProvider(configuration)),
        new("pressone", PressOneOptions.Section, (services, configuration) => services.AddPressOneProvider(configuration)),
        new("roamify", RoamifyOptions.Section, (services, configuration) => services.AddRoamifyProvider(configuration)),
    ];

    public static IEnumerable<string> Names => All.Select(m => m.Name);

    public static ProviderModule? Find(string? name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
