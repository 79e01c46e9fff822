using System.Collections.Concurrent;

namespace Storefront.Providers.PressOne;

/// <summary>
/// The bearer tokens of the process, one per API address and client id, shared by every <see cref="PressOneClient"/>
/// (typed clients are transient). Airalo throttles the token endpoint to 3 requests a minute
/// (docs/providers/pressone.md §3.3.1), so only one caller fetches while the others wait for its result.
/// </summary>
public sealed class PressOneTokenCache(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new();

    /// <summary>A valid token for <paramref name="key"/>, fetched with <paramref name="fetch"/> when there is none or it is due for renewal.</summary>
    internal async Task<string> GetAsync(string key, Func<CancellationToken, Task<IssuedToken>> fetch, CancellationToken ct)
    {
        var slot = _slots.GetOrAdd(key, _ => new Slot());
        if (slot.Current is { } cached && time.GetUtcNow() < cached.RenewAt) return cached.Value;

        await slot.Lock.WaitAsync(ct);
        try
        {
            if (slot.Current is { } fresh && time.GetUtcNow() < fresh.RenewAt) return fresh.Value;
            var issued = await fetch(ct);
            slot.Current = new Cached(issued.Value, time.GetUtcNow() + issued.UseFor);
            return issued.Value;
        }
        finally
        {
            slot.Lock.Release();
        }
    }

    /// <summary>Drops <paramref name="token"/> after the API refused it; a token another caller already replaced stays.</summary>
    internal void Invalidate(string key, string token)
    {
        if (_slots.TryGetValue(key, out var slot) && slot.Current is { } current && current.Value == token)
            Interlocked.CompareExchange(ref slot.Current, null, current);
    }

    private sealed class Slot
    {
        public readonly SemaphoreSlim Lock = new(1, 1);
        public volatile Cached? Current;
    }

    private sealed record Cached(string Value, DateTimeOffset RenewAt);
}

/// <summary>A token and how long to use it before asking for a new one.</summary>
internal sealed record IssuedToken(string Value, TimeSpan UseFor);
