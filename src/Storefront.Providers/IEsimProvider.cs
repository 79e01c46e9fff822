using Storefront.Domain;

namespace Storefront.Providers;

/// <summary>
/// What every upstream eSIM reseller API does for the store: its catalogue, ordering an eSIM (and finding one an
/// earlier attempt may have ordered), and reading one. Whatever only some providers can do is a capability interface
/// of its own (<see cref="IWalletFunding"/>, <see cref="ITopUps"/>, <see cref="ISuspendResume"/>,
/// <see cref="IThrottling"/>, <see cref="ITermination"/>, <see cref="IResellerBalance"/>, <see cref="IWebhookEvents"/>,
/// <see cref="IRegistersWebhooks"/>): an adapter implements only what its API offers, and the store asks by type
/// (<c>provider is ITopUps topUps</c>) and shows only what the provider can do.
/// </summary>
public interface IEsimProvider
{
    /// <summary>Configuration name (Provider:Name), the same as its module's <see cref="ProviderModule.Name"/>.</summary>
    string Name { get; }

    /// <summary>The upstream catalogue: per-country rates (wallet providers) and/or packages (package providers).</summary>
    Task<UpstreamCatalog> FetchCatalogAsync(CancellationToken ct);

    /// <summary>
    /// Looks up an eSIM already created for this order reference, for the retry of a chargeable call whose outcome is
    /// unknown. Returns null when none exists. Throws <see cref="NotSupportedByProviderException"/> when the provider
    /// cannot tell (the caller then stops and asks staff instead of buying twice).
    /// </summary>
    Task<UpstreamEsim?> FindEsimAsync(ProvisionRequest request, CancellationToken ct);

    /// <summary>Chargeable: creates the eSIM (Citrus provision, package providers' order, which carries the plan).</summary>
    Task<UpstreamEsim> CreateEsimAsync(ProvisionRequest request, CancellationToken ct);

    /// <summary>Current status and what is left on one eSIM, as the upstream reports it now.</summary>
    Task<EsimReading> ReadEsimAsync(string iccid, CancellationToken ct);
}
