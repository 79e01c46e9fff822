namespace Storefront.Providers.Esimfly;

/// <summary>Finding an order or top-up whose answer was lost, without buying it again (see <see cref="EsimflyPurchaseJournal"/>).</summary>
public sealed partial class EsimflyProvider
{
    /// <summary>How far eSIMfly's clock may be behind ours when no history baseline was taken.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    private static readonly EsimflyOrderQuery NewestFirst = new() { SortBy = "created_at", SortOrder = "desc" };

    /// <summary>
    /// The eSIMfly order reference of the purchase made for <paramref name="reference"/>, or null when none was made.
    /// Throws <see cref="NotSupportedByProviderException"/> when this process cannot tell (no record, or several new
    /// orders of the package that could be it), and a retryable <see cref="EsimflyApiException"/> when it is too early.
    /// </summary>
    private async Task<string?> FindPurchaseAsync(EsimflyPurchaseKind kind, string reference, string? iccid, CancellationToken ct)
    {
        var purchases = journal.For(kind, reference).Where(p => iccid is null || p.Iccid == iccid).ToList();
        var what = kind == EsimflyPurchaseKind.Esim ? "an eSIM order" : "a top-up";
        if (purchases.Count == 0)
            throw new NotSupportedByProviderException(Name,
                $"finding {what} for {reference}: eSIMfly V1 keeps no client reference and this process has no record of sending one");
        if (purchases.LastOrDefault(p => p.Outcome == EsimflyPurchaseOutcome.Made) is { } made)
            return made.UpstreamReference;
        foreach (var open in purchases.Where(p => p.Outcome is EsimflyPurchaseOutcome.Unknown or EsimflyPurchaseOutcome.InFlight))
        {
            if (await ReconcileAsync(open, what, ct) is { } found) return found;
        }
        return null;
    }

    /// <summary>
    /// Keeps a chargeable call from going out twice for one reference in this process: the upstream reference of a
    /// purchase already made, or an error while an earlier one's outcome is still open (look it up first).
    /// </summary>
    private string? Earlier(EsimflyPurchaseKind kind, string reference, string? iccid)
    {
        var purchases = journal.For(kind, reference).Where(p => iccid is null || p.Iccid == iccid).ToList();
        if (purchases.LastOrDefault(p => p.Outcome == EsimflyPurchaseOutcome.Made) is { } made) return made.UpstreamReference;
        if (purchases.Any(p => p.Outcome is EsimflyPurchaseOutcome.Unknown or EsimflyPurchaseOutcome.InFlight))
            throw new EsimflyApiException(EsimflyErrorCodes.OutcomeUnresolved,
                $"An earlier eSIMfly purchase for {reference} has an unknown outcome; look it up before buying again.",
                null, retryable: true, outcomeUnknown: true);
        return null;
    }

    /// <summary>
    /// Looks in the order history for orders of the purchase's package that are newer than its baseline and that no
    /// other purchase of this process accounts for. One such order, with no other purchase of the package open, is
    /// this one; none, once the settle time has passed, means it was never made; anything else needs a person.
    /// </summary>
    private async Task<string?> ReconcileAsync(EsimflyPurchase purchase, string what, CancellationToken ct)
    {
        var claimed = journal.ClaimedByOthers(purchase);
        var since = purchase.Baseline is { } baseline ? baseline.NewestAt ?? DateTimeOffset.MinValue : purchase.SentAt - ClockSkew;
        var query = NewestFirst with
        {
            Search = purchase.PackageCode,
            FromDate = since == DateTimeOffset.MinValue ? null : DateOnly.FromDateTime(since.UtcDateTime.AddDays(-1)),
        };
        var candidates = new List<string>();
        await foreach (var order in client.ListAllOrdersAsync(query, ct))
        {
            if (order.CreatedAt is { } at && at < since) break;
            if (order.PackageCode != purchase.PackageCode || order.Status is EsimflyOrderStatus.Failed or EsimflyOrderStatus.Cancelled) continue;
            if (purchase.Baseline?.References.Contains(order.OrderReference) == true || claimed.Contains(order.OrderReference)) continue;
            candidates.Add(order.OrderReference);
        }

        var rivals = journal.OpenRivals(purchase);
        if (candidates.Count == 1 && rivals == 0)
        {
            journal.Made(purchase, candidates[0]);
            logger.LogInformation("eSIMfly {What} for {Reference} was made after all: {UpstreamReference}", what, purchase.Reference, candidates[0]);
            return candidates[0];
        }
        if (candidates.Count == 0)
        {
            var settlesAt = purchase.SentAt + _options.LookupSettleTime;
            var now = time.GetUtcNow();
            if (now < settlesAt)
                throw new EsimflyApiException(EsimflyErrorCodes.LookupTooEarly,
                    $"eSIMfly shows no {what} for {purchase.Reference} yet; it may still be in progress.",
                    null, retryable: true, outcomeUnknown: true, retryAfter: settlesAt - now);
            journal.Settle(purchase, EsimflyPurchaseOutcome.NotMade);
            logger.LogInformation("eSIMfly {What} for {Reference} was never made", what, purchase.Reference);
            return null;
        }
        throw new NotSupportedByProviderException(Name,
            $"telling which of {candidates.Count} new orders of package {purchase.PackageCode} is {what} for {purchase.Reference} " +
            $"({rivals} other purchase(s) of it are open)");
    }

    /// <summary>The newest orders of a package just before buying it; null (a time window instead) when the read fails.</summary>
    private async Task<EsimflyHistoryBaseline?> BaselineAsync(string packageCode, CancellationToken ct)
    {
        try
        {
            var page = await client.ListOrdersAsync(NewestFirst with { Search = packageCode }, ct);
            var orders = (page.Orders ?? []).Where(o => o.PackageCode == packageCode).ToList();
            return new EsimflyHistoryBaseline(orders.Select(o => o.OrderReference).ToHashSet(), orders.Max(o => o.CreatedAt));
        }
        catch (UpstreamException e)
        {
            logger.LogWarning("eSIMfly order history for package {PackageCode} unreadable before buying ({Code}); a lost answer will be matched by time",
                packageCode, e.Code);
            return null;
        }
    }
}
