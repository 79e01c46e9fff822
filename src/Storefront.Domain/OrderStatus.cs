namespace Storefront.Domain;

/// <summary>Where an order stands. Stored as a string; only <see cref="Order"/>'s methods change it.</summary>
public enum OrderStatus
{
    AwaitingPayment,
    Paid,
    Provisioned,
    Delivered,
    NeedsAttention,
    Refunded,
    /// <summary>The checkout was abandoned or its session expired; nothing was charged.</summary>
    Abandoned,
}
