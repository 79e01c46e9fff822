namespace Storefront.Providers;

/// <summary>Ending an eSIM for good (or cancelling an unused one for a refund).</summary>
public interface ITermination
{
    /// <summary>Returns what the upstream refunded to the reseller balance, if anything.</summary>
    Task<decimal?> TerminateAsync(string iccid, CancellationToken ct);
}
