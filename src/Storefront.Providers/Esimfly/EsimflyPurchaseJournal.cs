namespace Storefront.Providers.Esimfly;

public enum EsimflyPurchaseKind { Esim, TopUp }

public enum EsimflyPurchaseOutcome
{
    InFlight,
    /// <summary>eSIMfly answered with its order reference.</summary>
    Made,
    /// <summary>Certainly not made: refused before or by eSIMfly, or a lookup found nothing after the settle time.</summary>
    NotMade,
    /// <summary>Sent, but the answer never arrived (timeout, lost response, 5xx).</summary>
    Unknown,
}

/// <summary>One order or top-up this process sent, keyed by the store's own reference.</summary>
public sealed class EsimflyPurchase
{
    public required EsimflyPurchaseKind Kind { get; init; }
    public required string Reference { get; init; }
    public required string PackageCode { get; init; }
    public string? Iccid { get; init; }
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>
    /// eSIMfly order references of this package that existed just before the purchase was sent, with the newest one's
    /// time: anything else in the history is newer. Null when that read failed (a time window is used instead).
    /// </summary>
    public EsimflyHistoryBaseline? Baseline { get; init; }

    public EsimflyPurchaseOutcome Outcome { get; internal set; } = EsimflyPurchaseOutcome.InFlight;
    public string? UpstreamReference { get; internal set; }
}

public sealed record EsimflyHistoryBaseline(IReadOnlySet<string> References, DateTimeOffset? NewestAt);

/// <summary>
/// eSIMfly V1 takes no client reference or idempotency key on orders and top-ups
/// (docs/providers/esimfly.md §1.2, §1.5.3), so the store's reference never reaches eSIMfly. This journal keeps, for
/// this process, what was sent for which reference, which upstream orders are already accounted for, and what the order
/// history looked like just before. A lookup after a lost answer uses it to pick the one new order of the same package
/// that nobody else claims. It lives in memory: after a restart (or on another instance) a lookup cannot tell and says
/// so, so staff check instead of the store buying twice.
/// </summary>
public sealed class EsimflyPurchaseJournal(TimeProvider time)
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    private readonly object _gate = new();
    private readonly List<EsimflyPurchase> _purchases = [];

    internal EsimflyPurchase Begin(EsimflyPurchaseKind kind, string reference, string packageCode, string? iccid, EsimflyHistoryBaseline? baseline)
    {
        var purchase = new EsimflyPurchase
        {
            Kind = kind,
            Reference = reference,
            PackageCode = packageCode,
            Iccid = iccid,
            SentAt = time.GetUtcNow(),
            Baseline = baseline,
        };
        lock (_gate)
        {
            _purchases.RemoveAll(p => p.SentAt < purchase.SentAt - Retention);
            _purchases.Add(purchase);
        }
        return purchase;
    }

    internal void Made(EsimflyPurchase purchase, string upstreamReference)
    {
        lock (_gate)
        {
            purchase.Outcome = EsimflyPurchaseOutcome.Made;
            purchase.UpstreamReference = upstreamReference;
        }
    }

    internal void Settle(EsimflyPurchase purchase, EsimflyPurchaseOutcome outcome)
    {
        lock (_gate) purchase.Outcome = outcome;
    }

    /// <summary>This reference's purchases of one kind, oldest first; empty when this process never sent one.</summary>
    internal IReadOnlyList<EsimflyPurchase> For(EsimflyPurchaseKind kind, string reference)
    {
        lock (_gate) return _purchases.Where(p => p.Kind == kind && p.Reference == reference).ToList();
    }

    /// <summary>Upstream references that belong to other purchases of this process.</summary>
    internal IReadOnlySet<string> ClaimedByOthers(EsimflyPurchase purchase)
    {
        lock (_gate)
            return _purchases.Where(p => p != purchase && p.UpstreamReference is not null).Select(p => p.UpstreamReference!).ToHashSet();
    }

    /// <summary>Other purchases of the same package whose outcome is open: a new order in the history could be theirs.</summary>
    internal int OpenRivals(EsimflyPurchase purchase)
    {
        lock (_gate)
            return _purchases.Count(p => p != purchase && p.Kind == purchase.Kind && p.PackageCode == purchase.PackageCode
                                         && p.Outcome is EsimflyPurchaseOutcome.InFlight or EsimflyPurchaseOutcome.Unknown);
    }
}
