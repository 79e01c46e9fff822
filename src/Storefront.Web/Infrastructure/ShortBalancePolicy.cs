namespace Storefront.Infrastructure;

/// <summary>What the store does with a sale the reseller balance upstream cannot pay for (Store:WhenUpstreamBalanceShort).</summary>
public enum ShortBalancePolicy
{
    /// <summary>The checkout says sales are paused; nothing is charged.</summary>
    StopSales,
    /// <summary>The sale goes through and the order waits, in front of staff, until the balance is back.</summary>
    Queue,
}
