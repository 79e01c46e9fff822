namespace Storefront.Providers;

/// <summary>The reseller's prepaid balance upstream, which pays for every eSIM and top-up the store buys.</summary>
public interface IResellerBalance
{
    /// <summary>The balance in USD.</summary>
    Task<decimal> GetResellerBalanceAsync(CancellationToken ct);
}
