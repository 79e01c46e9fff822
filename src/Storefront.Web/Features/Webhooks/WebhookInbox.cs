using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Jobs;

namespace Storefront.Features.Webhooks;

/// <summary>
/// Records a verified webhook event once per (source, event id) and queues its follow-up in the same transaction, so a
/// repeated or concurrent delivery of the same event is stored once and acted on once.
/// </summary>
/// <remarks>
/// Senders repeat events as a matter of course (Stripe until it sees a 2xx, Citrus on its own schedule), so a repeat
/// is found by a read first and logged at debug: the unique index is only the backstop for two copies arriving at the
/// same moment, where EF Core still logs the refused insert before it is recognised here.
/// </remarks>
public sealed class WebhookInbox(StorefrontDbContext db, WorkQueue work, TimeProvider clock, ILogger<WebhookInbox> logger)
{
    /// <summary>Room left for the event id in the work item's dedup key (200) after "source:".</summary>
    private const int MaxEventIdLength = 150;

    /// <summary>
    /// Whether a verified event has what the inbox stores: an id, a type and a subject that fit their columns and hold no
    /// control characters. A signed event can still be malformed; it is refused (400) rather than failing the insert (500).
    /// </summary>
    public static bool CanRecord(string? eventId, string? type, string? subject) =>
        Fits(eventId, MaxEventIdLength) && Fits(type, 100) && (subject is null || Fits(subject, 255));

    private static bool Fits(string? value, int maxLength) =>
        !string.IsNullOrEmpty(value) && value.Length <= maxLength && !Infrastructure.MalformedRequests.HasControlCharacters(value);

    /// <summary>False when the event was already received. The follow-up work gets <paramref name="payload"/>, or the subject.</summary>
    public async Task<bool> RecordAsync(string source, string eventId, string type, string? subject, string? workKind, CancellationToken ct,
        string? payload = null)
    {
        if (await db.InboxEvents.AsNoTracking().AnyAsync(e => e.Source == source && e.ExternalId == eventId, ct))
            return Duplicate(source, eventId, type);
        db.InboxEvents.Add(new InboxEvent { Source = source, ExternalId = eventId, Type = type, Subject = subject, ReceivedAt = clock.GetUtcNow() });
        if (workKind is not null && (payload ?? subject) is { } workPayload)
            await work.EnqueueAsync(workKind, null, $"{source}:{eventId}", workPayload, ct);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            if (!await db.InboxEvents.AsNoTracking().AnyAsync(e => e.Source == source && e.ExternalId == eventId, ct)) throw;
            return Duplicate(source, eventId, type);
        }
    }

    private bool Duplicate(string source, string eventId, string type)
    {
        logger.LogDebug("{Source} event {EventId} ({Type}) was already received; answering it again", source, eventId, type);
        return false;
    }
}
