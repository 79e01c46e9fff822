namespace Storefront.Providers;

/// <summary>
/// A wallet provider (Citrus): an eSIM is created with an empty money wallet, and the plan is an amount funded onto it,
/// which then drains at per-country rates. Providers without it sell data packages carried by the eSIM order itself.
/// </summary>
public interface IWalletFunding
{
    /// <summary>Chargeable: adds <paramref name="amountUsd"/> to the eSIM's wallet.</summary>
    Task FundAsync(string iccid, decimal amountUsd, CancellationToken ct);

    /// <summary>Whether the wallet already holds a funding of <paramref name="amountUsd"/> (an earlier attempt whose
    /// outcome was unknown landed).</summary>
    Task<bool> IsFundedAsync(string iccid, decimal amountUsd, CancellationToken ct);
}
