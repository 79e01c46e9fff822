namespace Storefront.Providers.Roamify.Simulator;

/// <summary>The simulator's virtual clock: the injected time plus an offset that only moves forward.</summary>
public sealed class RoamifySimulatorClock(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    /// <summary>Raised after each <see cref="Advance"/>, so due work (expiry, usage reports, retries) runs at once.</summary>
    public event Action? Advanced;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        Advanced?.Invoke();
    }

    internal void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
