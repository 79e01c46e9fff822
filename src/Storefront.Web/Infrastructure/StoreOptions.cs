using System.ComponentModel.DataAnnotations;

namespace Storefront.Infrastructure;

/// <summary>Section "Store": where the store is reached and what it sells in.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>Public base URL used in emails and payment redirects. Empty: the address the server listens on.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Staff who are told when an order needs attention.</summary>
    public string? StaffAlertEmail { get; set; }

    /// <summary>
    /// An order that still needs attention this long after provisioning gave up is refunded in full, automatically;
    /// staff have until then to fix the cause and retry. Empty: staff always decide.
    /// </summary>
    public TimeSpan? AutoRefundAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Staff are emailed once each time the reseller's balance upstream falls below this (USD). Empty: no such alert.</summary>
    public decimal? ResellerBalanceAlertUsd { get; set; }

    /// <summary>
    /// A sale the reseller balance upstream cannot pay for: StopSales (the checkout says so and charges nothing) or Queue
    /// (it is sold, and the order waits in front of staff until the balance is back). Either way no order is started
    /// upstream without the balance for all of it.
    /// </summary>
    public ShortBalancePolicy WhenUpstreamBalanceShort { get; set; } = ShortBalancePolicy.StopSales;
}
