namespace Storefront.Sandbox.Simulation;

/// <summary>
/// A fault for provider calls whose path (relative to the simulator's base, e.g. "esim/provision" or "esim/*/fund";
/// "*" and "{name}" stand for any one segment) and, when given, method match.
/// Kind: "error" (answer <see cref="Status"/> without doing the work), "hang" (never answer, do nothing),
/// "lost_response" (do the work, then drop the connection mid-answer), "latency" (delay by <see cref="LatencyMs"/>).
/// </summary>
public sealed record FaultRule
{
    public string Path { get; init; } = "*";
    public string? Method { get; init; }
    public string Kind { get; init; } = FaultKinds.Error;
    /// <summary>Calls left to affect; null is every call.</summary>
    public int? Count { get; init; }
    public int Status { get; init; } = 503;
    public int LatencyMs { get; init; }

    internal bool Matches(string method, string path)
    {
        if (Method is not null && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) return false;
        if (Path == "*") return true;
        var pattern = Path.Trim('/').Split('/');
        var segments = path.Trim('/').Split('/');
        return pattern.Length == segments.Length && pattern.Zip(segments).All(p =>
            p.First == "*" || p.First.StartsWith('{') || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
    }
}

public static class FaultKinds
{
    public const string Error = "error";
    public const string Hang = "hang";
    public const string LostResponse = "lost_response";
    public const string Latency = "latency";
}

/// <summary>
/// The fault settings every simulator reads from its section (<c>Sandbox:&lt;Name&gt;:LatencyMs</c>, <c>ErrorRate</c>,
/// <c>HangFor</c>, <c>Faults</c>): where its <see cref="FaultInjector"/> starts, and what a reset returns to.
/// </summary>
public abstract class SimulatorFaultOptions
{
    /// <summary>Added to every provider call.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Share (0..1) of provider calls answered with a random 500/502/503 before doing any work.</summary>
    public double ErrorRate { get; set; }

    /// <summary>How long a "hang" fault holds the request when the client does not give up first.</summary>
    public TimeSpan HangFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Faults active from the start; more can be added with <c>POST __sim/faults</c>.</summary>
    public List<FaultRule> Faults { get; set; } = [];
}
