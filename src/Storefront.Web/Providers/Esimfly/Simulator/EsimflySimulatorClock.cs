namespace Storefront.Providers.Esimfly.Simulator;

/// <summary>
/// The simulator's virtual clock: the injected time plus an offset that only moves forward. Lifecycles, expiry and the
/// rate-limit window follow it; request timestamps are checked against <see cref="WallNow"/>, so moving the clock does
/// not make every client's signature stale.
/// </summary>
public sealed class EsimflySimulatorClock(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public DateTimeOffset WallNow => inner.GetUtcNow();

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    internal void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
