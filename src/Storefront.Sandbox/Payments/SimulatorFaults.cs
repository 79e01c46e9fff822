using System.Text.RegularExpressions;

namespace Storefront.Sandbox.Payments;

/// <summary>
/// Makes the next <see cref="Count"/> API calls matching <see cref="Path"/> (relative to the simulator's prefix,
/// '*' matches anything) and <see cref="Method"/> misbehave, to test a client's retries (docs/payments/stripe.md §8.9).
/// </summary>
public sealed record SimulatorFault
{
    public required string Path { get; init; }

    public string? Method { get; init; }

    public int Count { get; init; } = 1;

    public required SimulatorFaultEffect Effect { get; init; }

    /// <summary>Sent as Stripe-Should-Retry with <see cref="SimulatorFaultEffect.ServerError"/>; null sends no header.</summary>
    public bool? ShouldRetry { get; init; }

    /// <summary>For <see cref="SimulatorFaultEffect.Delay"/>: how long the request stays in flight before answering.</summary>
    public int DelayMs { get; init; }
}

public enum SimulatorFaultEffect
{
    /// <summary>500 api_error before the route runs, so nothing is saved against the idempotency key.</summary>
    ServerError,

    /// <summary>409 lock_timeout, which clients retry.</summary>
    LockTimeout,

    /// <summary>429 rate_limit.</summary>
    RateLimit,

    /// <summary>The route runs and its response is saved, then the connection is dropped: a lost response.</summary>
    DropResponse,

    /// <summary>The route runs, then waits <see cref="SimulatorFault.DelayMs"/> before answering.</summary>
    Delay,
}

internal sealed class SimulatorFaults
{
    private readonly Lock _gate = new();
    private readonly List<(SimulatorFault Fault, Regex Pattern, int Remaining)> _rules = [];

    public void Add(SimulatorFault fault)
    {
        var pattern = new Regex("^" + Regex.Escape(fault.Path).Replace("\\*", ".*") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        lock (_gate)
            _rules.Add((fault, pattern, fault.Count));
    }

    public void Clear()
    {
        lock (_gate)
            _rules.Clear();
    }

    public IReadOnlyList<SimulatorFault> Pending()
    {
        lock (_gate)
            return [.. _rules.Select(r => r.Fault with { Count = r.Remaining })];
    }

    /// <summary>Uses up one call of the first matching rule.</summary>
    public SimulatorFault? Take(string method, string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (fault, pattern, remaining) = _rules[i];
                if ((fault.Method is null || string.Equals(fault.Method, method, StringComparison.OrdinalIgnoreCase)) && pattern.IsMatch(path))
                {
                    if (remaining <= 1)
                        _rules.RemoveAt(i);
                    else
                        _rules[i] = (fault, pattern, remaining - 1);
                    return fault;
                }
            }
            return null;
        }
    }
}
