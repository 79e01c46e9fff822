namespace Storefront.Providers;

/// <summary>Adding data (a package) or money (a wallet funding) to an eSIM the customer already has.</summary>
public interface ITopUps
{
    /// <summary>Top-ups the upstream offers for this eSIM now (packages for package providers; wallet providers
    /// return an empty list and take any amount through <see cref="TopUpAsync"/>).</summary>
    Task<IReadOnlyList<UpstreamPackage>> ListTopUpsAsync(string iccid, CancellationToken ct);

    /// <summary>Chargeable: adds a package (or wallet funds) to an existing eSIM.</summary>
    Task<TopUpResult> TopUpAsync(string iccid, TopUpRequest request, CancellationToken ct);

    /// <summary>Looks up a top-up whose outcome is unknown (lost response). Null when it did not happen; throws
    /// <see cref="NotSupportedByProviderException"/> when the provider cannot tell.</summary>
    Task<TopUpResult?> FindTopUpAsync(string iccid, TopUpRequest request, CancellationToken ct);
}
