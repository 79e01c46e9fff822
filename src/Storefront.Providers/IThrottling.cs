namespace Storefront.Providers;

/// <summary>Limiting an eSIM's speed (fair use).</summary>
public interface IThrottling
{
    /// <summary>Limits the speed to about <paramref name="kbps"/>; null lifts the limit.</summary>
    Task ThrottleAsync(string iccid, int? kbps, CancellationToken ct);
}
