using Storefront.Providers;

namespace Storefront.Tests.Support;

/// <summary>What a provider adapter can do, as the store sees it: the capability interfaces it implements.</summary>
public static class Capabilities
{
    public static string[] Of(IEsimProvider provider) => provider.GetType().GetInterfaces()
        .Where(i => i.Namespace == typeof(IEsimProvider).Namespace && i != typeof(IEsimProvider))
        .Select(i => i.Name).Order(StringComparer.Ordinal).ToArray();
}
