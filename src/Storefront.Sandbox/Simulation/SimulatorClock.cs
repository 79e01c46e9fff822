namespace Storefront.Sandbox.Simulation;

/// <summary>A simulator's virtual clock: the injected time plus an offset that only moves forward.</summary>
public sealed class SimulatorClock(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    /// <summary>The injected time without the offset.</summary>
    public DateTimeOffset WallNow => inner.GetUtcNow();

    /// <summary>Raised after each <see cref="Advance"/>, so that work falling due (reports, expiry, retries) runs at once.</summary>
    public event Action? Advanced;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        Advanced?.Invoke();
    }

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
