namespace Storefront.Providers.CloudeSim.Simulator;

/// <summary>The simulator's virtual clock: the injected time plus an offset that only moves forward.</summary>
public sealed class CloudeSimSimulatorClock(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    internal void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
