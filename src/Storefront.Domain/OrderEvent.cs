namespace Storefront.Domain;

/// <summary>One line of an order's timeline: payment, upstream calls, emails, webhooks, staff actions.</summary>
public sealed class OrderEvent
{
    private OrderEvent() { }

    public OrderEvent(Guid orderId, DateTimeOffset at, string kind, string message)
    {
        Id = Guid.NewGuid();
        OrderId = orderId;
        At = at;
        Kind = kind;
        Message = message.Length > 1000 ? message[..1000] : message;
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Kind { get; private set; } = "";
    public string Message { get; private set; } = "";
}
