namespace Storefront.Sandbox.Payments;

/// <summary>
/// Stripe's idempotency layer (docs/payments/stripe.md §1.6, §8.2): the first response for a key is saved and replayed
/// byte for byte; the same key with other parameters is an error; a key still executing conflicts; keys expire after 24
/// hours.
/// </summary>
internal sealed class IdempotencyStore(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public IdempotencyDecision Begin(string account, string key, string fingerprint)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Prune(now);
            var id = account + "\n" + key;
            if (!_entries.TryGetValue(id, out var entry))
            {
                _entries[id] = new Entry(fingerprint, now);
                return IdempotencyDecision.Execute;
            }
            if (entry.Fingerprint != fingerprint)
                return IdempotencyDecision.Mismatch;
            if (entry.Response is null)
                return IdempotencyDecision.InFlight;
            return IdempotencyDecision.Replay(entry.Response);
        }
    }

    public void Complete(string account, string key, SavedResponse response)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(account + "\n" + key, out var entry))
                entry.Response = response;
        }
    }

    /// <summary>For a request that failed before Stripe would have saved anything.</summary>
    public void Forget(string account, string key)
    {
        lock (_gate)
            _entries.Remove(account + "\n" + key);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, entry) in _entries)
        {
            if (now - entry.CreatedAt >= Lifetime)
                _entries.Remove(id);
        }
    }

    private sealed class Entry(string fingerprint, DateTimeOffset createdAt)
    {
        public string Fingerprint { get; } = fingerprint;
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public SavedResponse? Response { get; set; }
    }
}

internal sealed record SavedResponse(int Status, byte[] Body);

internal enum IdempotencyOutcome { Execute, Mismatch, InFlight, Replay }

internal sealed record IdempotencyDecision(IdempotencyOutcome Outcome, SavedResponse? Saved = null)
{
    public static readonly IdempotencyDecision Execute = new(IdempotencyOutcome.Execute);
    public static readonly IdempotencyDecision Mismatch = new(IdempotencyOutcome.Mismatch);
    public static readonly IdempotencyDecision InFlight = new(IdempotencyOutcome.InFlight);

    public static IdempotencyDecision Replay(SavedResponse saved) => new(IdempotencyOutcome.Replay, saved);
}
