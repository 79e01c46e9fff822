namespace Storefront.Domain;

/// <summary>
/// A durable side effect (upstream call, email, refund) to run after the transaction that asked for it commits.
/// <see cref="DedupKey"/> is unique, so asking twice for the same effect stores it once.
/// </summary>
public sealed class WorkItem
{
    private WorkItem() { }

    public static WorkItem Create(string kind, Guid? orderId, string dedupKey, DateTimeOffset now, string? payload = null,
        DateTimeOffset? runAt = null) => new()
    {
        Id = Guid.NewGuid(),
        Kind = kind,
        OrderId = orderId,
        DedupKey = dedupKey,
        Payload = payload,
        Status = WorkItemStatus.Pending,
        NextRunAt = runAt ?? now,
        CreatedAt = now,
    };

    public Guid Id { get; private set; }
    public string Kind { get; private set; } = "";
    public Guid? OrderId { get; private set; }
    public string DedupKey { get; private set; } = "";
    public string? Payload { get; private set; }
    public WorkItemStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextRunAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
