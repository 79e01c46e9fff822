namespace Storefront.Providers;

/// <summary>
/// One upstream provider as the store wires it: the name Provider:Name selects it by, the configuration section that
/// holds its credentials and BaseUrl, and the registration of its options, HTTP client and adapter.
/// </summary>
public sealed record ProviderModule(string Name, string Section, Action<IServiceCollection, IConfiguration> AddTo);
