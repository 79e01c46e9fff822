namespace Storefront.Domain;

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
