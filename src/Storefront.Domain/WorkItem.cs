namespace Storefront.Domain;

public enum WorkItemStatus { Pending, Running, Succeeded, Failed }

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

/// <summary>A webhook event received once: (Source, ExternalId) is unique.</summary>
public sealed class InboxEvent
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Source { get; set; }
    public required string ExternalId { get; set; }
    public required string Type { get; set; }
    /// <summary>The object the event is about (session id, ICCID), never the payload.</summary>
    public string? Subject { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>Small durable settings the store learns at run time (e.g. an upstream's webhook signing secret).</summary>
public sealed class StoreSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An ASP.NET Core Data Protection key, kept in the database so every web node shares it.</summary>
public sealed class DataProtectionKeyRecord
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
