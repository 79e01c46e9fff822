namespace Storefront.Providers.CloudeSim;

/// <summary>
/// What this process has seen of its own chargeable calls (orders and top-ups), so that a later lookup can tell a
/// definite refusal from an unknown outcome. CloudeSIM takes no client reference and has no list endpoint (seed 001),
/// so after a lost answer nothing upstream links the call to the store's reference; this journal is the only thing
/// that can. It lives in memory: after a restart, or on another instance, it knows nothing and the lookups say so.
/// Entries hold activation codes: never log them.
/// </summary>
public sealed class CloudeSimCallJournal(TimeProvider time)
{
    public const int MaxEntries = 2000;
    public static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    private readonly object _gate = new();
    private readonly Dictionary<string, List<CallAttempt>> _calls = [];

    public CallAttempt Begin(string key, string packageCode, decimal? balanceBefore = null, CloudeSimEsim? esimBefore = null)
    {
        var attempt = new CallAttempt(packageCode, time.GetUtcNow(), balanceBefore, esimBefore);
        lock (_gate)
        {
            Prune();
            if (!_calls.TryGetValue(key, out var attempts)) _calls[key] = attempts = [];
            attempts.Add(attempt);
        }
        return attempt;
    }

    /// <summary>Every attempt made for <paramref name="key"/> in this process, oldest first; empty when none is known.</summary>
    public IReadOnlyList<CallAttempt> Attempts(string key)
    {
        lock (_gate) return _calls.TryGetValue(key, out var attempts) ? [.. attempts] : [];
    }

    public static string OrderKey(string orderReference) => "order:" + orderReference;

    public static string TopUpKey(string iccid, string reference) => $"topup:{iccid}:{reference}";

    private void Prune()
    {
        var cutoff = time.GetUtcNow() - Retention;
        foreach (var key in _calls.Where(c => c.Value[^1].SentAt < cutoff).Select(c => c.Key).ToList())
            _calls.Remove(key);
        if (_calls.Count < MaxEntries) return;
        foreach (var key in _calls.OrderBy(c => c.Value[^1].SentAt).Take(_calls.Count - MaxEntries + 1).Select(c => c.Key).ToList())
            _calls.Remove(key);
    }
}

public enum CallOutcome
{
    /// <summary>Sent, no answer yet (or the process is still waiting for it).</summary>
    Pending,
    /// <summary>CloudeSIM answered <c>success:false</c> with a definite refusal, or the request never left: nothing was charged.</summary>
    Refused,
    /// <summary>The call may or may not have been carried out (timeout, dropped connection, server error).</summary>
    Unknown,
    /// <summary>Carried out: <see cref="CallAttempt.OrderNo"/> is known.</summary>
    Done,
}

/// <summary>One chargeable call. Mutated only by the call that owns it.</summary>
public sealed class CallAttempt(string packageCode, DateTimeOffset sentAt, decimal? balanceBefore, CloudeSimEsim? esimBefore)
{
    private volatile CallOutcome _outcome = CallOutcome.Pending;

    public string PackageCode { get; } = packageCode;
    public DateTimeOffset SentAt { get; } = sentAt;
    public decimal? BalanceBefore { get; } = balanceBefore;
    /// <summary>For top-ups: the eSIM as queried just before the call.</summary>
    public CloudeSimEsim? EsimBefore { get; } = esimBefore;
    public CallOutcome Outcome => _outcome;
    public string? OrderNo { get; private set; }
    /// <summary>For orders: the eSIM the call returned, complete with its activation code.</summary>
    public UpstreamEsim? Esim { get; private set; }

    public void Refused() => _outcome = CallOutcome.Refused;

    public void Unknown() => _outcome = CallOutcome.Unknown;

    public void Done(string? orderNo, UpstreamEsim? esim = null)
    {
        OrderNo = orderNo ?? OrderNo;
        Esim = esim ?? Esim;
        _outcome = CallOutcome.Done;
    }
}
