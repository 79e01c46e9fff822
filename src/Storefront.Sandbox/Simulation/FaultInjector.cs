using System.Diagnostics.CodeAnalysis;

namespace Storefront.Sandbox.Simulation;

/// <summary>
/// The faults a simulator plays on provider calls: rules, latency added to every call, and a share of random 5xx
/// answers. Starts from the configured <see cref="SimulatorFaultOptions"/> and goes back to them on
/// <see cref="Reset"/>; <c>__sim/faults</c> and <c>__sim/settings</c> change it in between. Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private static readonly int[] RandomErrorStatuses = [500, 502, 503];

    private readonly object _gate = new();
    private readonly SimulatorFaultOptions _configured;
    private readonly int? _seed;
    private readonly List<FaultRule> _rules = [];
    private Random _random;
    private int _latencyMs;
    private double _errorRate;

    /// <param name="seed">Seed for the random errors; null is random.</param>
    public FaultInjector(SimulatorFaultOptions configured, int? seed)
    {
        _configured = configured;
        _seed = seed;
        Reset();
    }

    public int LatencyMs
    {
        get { lock (_gate) return _latencyMs; }
        set { lock (_gate) _latencyMs = value; }
    }

    public double ErrorRate
    {
        get { lock (_gate) return _errorRate; }
        set { lock (_gate) _errorRate = value; }
    }

    public TimeSpan HangFor => _configured.HangFor;

    public IReadOnlyList<FaultRule> Snapshot()
    {
        lock (_gate) return _rules.ToList();
    }

    public void Add(FaultRule rule)
    {
        lock (_gate) _rules.Add(rule);
    }

    /// <summary>No rules, no added latency, no random errors.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _latencyMs = 0;
            _errorRate = 0;
        }
    }

    [MemberNotNull(nameof(_random))]
    public void Reset()
    {
        lock (_gate)
        {
            _rules.Clear();
            _rules.AddRange(_configured.Faults);
            _latencyMs = _configured.LatencyMs;
            _errorRate = _configured.ErrorRate;
            _random = _seed is { } seed ? new Random(seed) : new Random();
        }
    }

    /// <summary>
    /// The faults for one provider call: the latency to add (the base plus every matching latency rule) and the first
    /// matching error, hang or lost response, else a random 5xx at the error rate, else none. Each matching rule
    /// used uses up one of its count.
    /// </summary>
    public (int LatencyMs, FaultRule? Fault) Next(string method, string path)
    {
        lock (_gate)
        {
            var latency = _latencyMs;
            FaultRule? fault = null;
            for (var i = 0; i < _rules.Count && fault is null; i++)
            {
                var rule = _rules[i];
                if (!rule.Matches(method, path)) continue;
                if (rule.Count is { } count)
                {
                    if (count <= 1) _rules.RemoveAt(i--);
                    else _rules[i] = rule with { Count = count - 1 };
                }
                if (rule.Kind == FaultKinds.Latency) latency += rule.LatencyMs;
                else fault = rule;
            }
            if (fault is null && _errorRate > 0 && _random.NextDouble() < _errorRate)
                fault = new FaultRule { Kind = FaultKinds.Error, Status = RandomErrorStatuses[_random.Next(RandomErrorStatuses.Length)] };
            return (latency, fault);
        }
    }
}
