using Storefront.Domain;

using System.Globalization;
using Microsoft.Extensions.Options;

namespace Storefront.Providers.CloudeSim;

/// <summary>
/// CloudeSIM API v1 as an <see cref="IEsimProvider"/>: a package provider. An order buys one eSIM with its BASE
/// package already on it; top-ups are TOPUP packages; cancelling an unused eSIM refunds it in full (seed 001).
/// CloudeSIM has no client reference, no idempotency key, no list of orders and no webhooks, which decides how lost
/// answers are handled: see <see cref="FindEsimAsync"/> and <see cref="FindTopUpAsync"/>.
/// </summary>
public sealed class CloudeSimProvider(
    CloudeSimClient client,
    CloudeSimCallJournal journal,
    IOptions<CloudeSimOptions> options,
    TimeProvider time,
    ILogger<CloudeSimProvider> logger) : IEsimProvider, ITopUps, ITermination, IResellerBalance
{
    public const string ProviderName = "cloudesim";

    private static readonly HashSet<string> GlobalCodes = new(StringComparer.OrdinalIgnoreCase) { "GLOBAL", "GL", "!GL", "WORLD", "WW" };
    private static readonly HashSet<string> NotCountries = new(StringComparer.OrdinalIgnoreCase) { "EU", "EZ", "UN", "AP", "EA", "ME", "NA", "SA", "AS", "AF", "OC" };

    private readonly CloudeSimOptions _options = options.Value;

    public string Name => ProviderName;

    /// <summary>
    /// BASE packages, each marked <see cref="UpstreamPackage.TopUpAllowed"/> when a TOPUP package lists it (or its
    /// location) as compatible, or, for TOPUP packages without such a list, shares its location code.
    /// </summary>
    public async Task<UpstreamCatalog> FetchCatalogAsync(CancellationToken ct)
    {
        var basePackages = await client.ListPackagesAsync(new CloudeSimPackageFilter(Type: CloudeSimPackageTypes.Base), ct);
        var topUps = await client.ListPackagesAsync(new CloudeSimPackageFilter(Type: CloudeSimPackageTypes.TopUp), ct);
        var packages = basePackages
            .Where(p => !string.IsNullOrWhiteSpace(p.PackageCode) && !string.Equals(p.Type, CloudeSimPackageTypes.TopUp, StringComparison.OrdinalIgnoreCase))
            .Select(p => ToPackage(p, topUps.Any(t => CanTopUp(t, p))))
            .ToList();
        return new UpstreamCatalog([], packages);
    }

    /// <summary>
    /// Finds the eSIM of an order whose outcome the caller does not know. CloudeSIM cannot answer this: an order takes
    /// no client reference, and the only lookups (<c>esim/query</c>) need the order number or ICCID that the lost answer
    /// carried. The account balance does not settle it either: a drop by the package price may be another order, and
    /// an unchanged balance may hide an order still being processed or a refund landing at the same time. So only this
    /// process's own record (<see cref="CloudeSimCallJournal"/>) is trusted:
    /// <list type="bullet">
    /// <item>the order was placed and its answer read (the caller failed afterwards): that eSIM, or, if it was still
    /// being allocated, the eSIM found by its order number;</item>
    /// <item>every attempt was refused outright (success:false, or the connection never opened): null, so ordering
    /// again is safe;</item>
    /// <item>otherwise (an answer was lost, or the process restarted and has no record):
    /// <see cref="NotSupportedByProviderException"/>, so a person checks the CloudeSIM dashboard instead of the store
    /// buying twice.</item>
    /// </list>
    /// </summary>
    public async Task<UpstreamEsim?> FindEsimAsync(ProvisionRequest request, CancellationToken ct)
    {
        var attempts = journal.Attempts(CloudeSimCallJournal.OrderKey(request.OrderReference));
        if (attempts.LastOrDefault(a => a.Esim is not null) is { } made) return made.Esim;
        if (attempts.LastOrDefault(a => a is { Outcome: CallOutcome.Done, OrderNo: not null }) is { } placed)
        {
            var esim = await CompleteAsync(placed.OrderNo!, [], ct);
            placed.Done(null, esim);
            return esim;
        }
        if (attempts.Count > 0 && attempts.All(a => a.Outcome == CallOutcome.Refused)) return null;

        var why = attempts.Count == 0
            ? "this process has no record of it (restarted, or another instance made it)"
            : $"its answer was lost at {attempts[^1].SentAt.UtcDateTime:u}{await BalanceChangeAsync(attempts[^1], ct)}";
        logger.LogWarning("CloudeSIM order for {Reference} has an unknown outcome: {Why}", request.OrderReference, why);
        throw new NotSupportedByProviderException(Name,
            $"finding out whether the order for {request.OrderReference} ({attempts.LastOrDefault()?.PackageCode ?? request.PackageId}) was placed, "
            + $"because CloudeSIM takes no client reference and {why}; check the CloudeSIM dashboard");
    }

    /// <summary>Chargeable: orders one eSIM of <see cref="ProvisionRequest.PackageId"/>. Never retried here.</summary>
    public async Task<UpstreamEsim> CreateEsimAsync(ProvisionRequest request, CancellationToken ct)
    {
        var packageCode = request.PackageId
                          ?? throw new ArgumentException("A CloudeSIM plan is a package: PackageId is required.", nameof(request));
        var attempt = journal.Begin(CloudeSimCallJournal.OrderKey(request.OrderReference), packageCode, await TryBalanceAsync(ct));

        CloudeSimOrder order;
        try
        {
            order = await client.OrderAsync(packageCode, 1, null, ct);
        }
        catch (CloudeSimApiException e) when (!e.OutcomeUnknown)
        {
            attempt.Refused();
            throw;
        }
        catch
        {
            attempt.Unknown();
            throw;
        }

        if (string.IsNullOrEmpty(order.OrderNo))
        {
            attempt.Unknown();
            throw new CloudeSimApiException(CloudeSimErrorCodes.InvalidResponse, "CloudeSIM accepted the order but sent no order number.",
                200, retryable: false, outcomeUnknown: true);
        }
        attempt.Done(order.OrderNo);
        var esim = await CompleteAsync(order.OrderNo, order.EsimList ?? [], ct);
        attempt.Done(order.OrderNo, esim);
        return esim;
    }

    /// <summary>The order carries the package: nothing more to attach.</summary>
    public async Task<EsimReading> ReadEsimAsync(string iccid, CancellationToken ct)
    {
        var esim = await QueryOneAsync(iccid, ct);
        var remaining = Mb(esim.RemainingVolume);
        return new EsimReading(esim.Iccid, ToState(esim.Status, remaining), WalletBalanceUsd: null, remaining, Mb(esim.TotalVolume),
            CloudeSimDates.Parse(esim.ActivateTime), CloudeSimDates.Parse(esim.ExpireTime), time.GetUtcNow());
    }

    public async Task<IReadOnlyList<UpstreamPackage>> ListTopUpsAsync(string iccid, CancellationToken ct) =>
        (await client.ListPackagesAsync(new CloudeSimPackageFilter(Type: CloudeSimPackageTypes.TopUp, Iccid: iccid), ct))
        .Where(p => !string.IsNullOrWhiteSpace(p.PackageCode))
        .Select(p => ToPackage(p, topUpAllowed: false))
        .ToList();

    /// <summary>
    /// Chargeable: adds the TOPUP package <see cref="TopUpRequest.PackageId"/>. The eSIM is read first so that
    /// <see cref="FindTopUpAsync"/> can later see whether a lost top-up landed. Never retried here.
    /// </summary>
    public async Task<TopUpResult> TopUpAsync(string iccid, TopUpRequest request, CancellationToken ct)
    {
        var packageCode = request.PackageId
                          ?? throw new ArgumentException("A CloudeSIM top-up is a package: PackageId is required.", nameof(request));
        CloudeSimEsim? before = null;
        try
        {
            before = await QueryOneAsync(iccid, ct);
        }
        catch (UpstreamException)
        {
        }
        var attempt = journal.Begin(CloudeSimCallJournal.TopUpKey(iccid, request.Reference), packageCode, esimBefore: before);

        try
        {
            var orderNo = await client.TopUpAsync(iccid, packageCode, 1, ct);
            attempt.Done(orderNo);
            return new TopUpResult(iccid, orderNo);
        }
        catch (CloudeSimApiException e) when (!e.OutcomeUnknown)
        {
            attempt.Refused();
            throw;
        }
        catch
        {
            attempt.Unknown();
            throw;
        }
    }

    /// <summary>
    /// Looks up a top-up whose answer was lost. Unlike an order, the eSIM is known, and a top-up leaves marks that
    /// usage cannot: more data left than just before the call, a later expiry on an already active eSIM, or a depleted
    /// eSIM active again. Any of these (against the reading <see cref="TopUpAsync"/> took before the call) proves it
    /// landed. Nothing proves it did not: the request may still be in progress upstream, and usage may hide the added
    /// data. So without such a mark, or without this process's record of the attempt, this throws
    /// <see cref="NotSupportedByProviderException"/> for a person to check; a definite refusal gives null.
    /// </summary>
    public async Task<TopUpResult?> FindTopUpAsync(string iccid, TopUpRequest request, CancellationToken ct)
    {
        var attempts = journal.Attempts(CloudeSimCallJournal.TopUpKey(iccid, request.Reference));
        if (attempts.LastOrDefault(a => a.Outcome == CallOutcome.Done) is { } done) return new TopUpResult(iccid, done.OrderNo);
        if (attempts.Count > 0 && attempts.All(a => a.Outcome == CallOutcome.Refused)) return null;

        var unknown = attempts.LastOrDefault(a => a.Outcome != CallOutcome.Refused && a.EsimBefore is not null);
        if (unknown is not null && ToppedUpSince(unknown.EsimBefore!, await QueryOneAsync(iccid, ct)))
        {
            unknown.Done(null);
            return new TopUpResult(iccid, null);
        }

        var why = attempts.Count == 0 ? "this process has no record of it"
            : unknown is null ? "the eSIM could not be read before the call"
            : "the eSIM shows no added data or validity yet";
        logger.LogWarning("CloudeSIM top-up {Reference} on {Iccid} has an unknown outcome: {Why}",
            request.Reference, Iccids.Tail(iccid), why);
        throw new NotSupportedByProviderException(Name,
            $"finding out whether top-up {request.Reference} ({request.PackageId}) landed on eSIM {Iccids.Tail(iccid)}, because {why}; "
            + "check the CloudeSIM dashboard");
    }

    /// <summary>
    /// Cancels an eSIM (only unused ones, docs/providers/cloudesim.md §5.2) for a full refund (seed). The answer does
    /// not say how much came back, so the refund is measured as the rise of the balance across the call; null when it
    /// cannot be measured.
    /// </summary>
    public async Task<decimal?> TerminateAsync(string iccid, CancellationToken ct)
    {
        var before = await TryBalanceAsync(ct);
        await client.CancelAsync(iccid, null, ct);
        var after = await TryBalanceAsync(ct);
        return before is { } b && after is { } a && a > b ? a - b : null;
    }

    public async Task<decimal> GetResellerBalanceAsync(CancellationToken ct) => (await client.GetBalanceAsync(ct)).Balance;

    internal static EsimState ToState(string? status, long? remainingMb) => status?.Trim().ToUpperInvariant() switch
    {
        CloudeSimStatuses.New or CloudeSimStatuses.GotResource => EsimState.NotInstalled,
        CloudeSimStatuses.Active or CloudeSimStatuses.InUse when remainingMb == 0 => EsimState.Depleted,
        CloudeSimStatuses.Active or CloudeSimStatuses.InUse => EsimState.Active,
        CloudeSimStatuses.Depleted or CloudeSimStatuses.UsedUp => EsimState.Depleted,
        CloudeSimStatuses.Expired or CloudeSimStatuses.UsedExpired or CloudeSimStatuses.UnusedExpired => EsimState.Expired,
        CloudeSimStatuses.Suspended => EsimState.Suspended,
        CloudeSimStatuses.Cancelled or CloudeSimStatuses.Cancel or CloudeSimStatuses.Revoked => EsimState.Terminated,
        _ => EsimState.Unknown,
    };

    internal static UpstreamPackage ToPackage(CloudeSimPackage p, bool topUpAllowed)
    {
        var (coverage, countries) = CoverageOf(p);
        return new UpstreamPackage(p.PackageCode, p.Name, coverage, countries,
            DataMb: p.Volume is { } mb && mb > 0 ? (long)decimal.Floor(mb) : null,
            ValidityDays: p.Duration is > 0 ? p.Duration : null,
            IsUnlimited: false, topUpAllowed, p.Price, RecommendedRetailUsd: null, RequiresTravelDate: false);
    }

    /// <summary>
    /// A country code is a local package. A region code (EU, ASIA, GLOBAL…) is regional or global, with the countries
    /// of its comma-separated <c>location</c> list; without that list its countries are unknown (no guessing which
    /// countries a region covers), so the store cannot sell it.
    /// </summary>
    internal static (Coverage Coverage, IReadOnlyList<string> Countries) CoverageOf(CloudeSimPackage p)
    {
        var code = Iso2(p.LocationCode);
        var listed = (p.Location ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Iso2).Where(IsCountry).Distinct().ToList();
        var countries = listed.Count > 0 ? listed : IsCountry(code) ? [code] : [];
        var coverage = GlobalCodes.Contains(code) ? Coverage.Global
            : IsCountry(code) && countries.Count <= 1 ? Coverage.Local
            : Coverage.Regional;
        return (coverage, countries);
    }

    internal static bool CanTopUp(CloudeSimPackage topUp, CloudeSimPackage basePackage) => topUp.CompatibleWith is { Count: > 0 } compatible
        ? compatible.Any(c => string.Equals(c, basePackage.PackageCode, StringComparison.OrdinalIgnoreCase)
                              || string.Equals(c, basePackage.LocationCode, StringComparison.OrdinalIgnoreCase))
        : string.Equals(topUp.LocationCode, basePackage.LocationCode, StringComparison.OrdinalIgnoreCase);

    private static string Iso2(string? code) => code?.Trim().ToUpperInvariant() switch
    {
        null => "",
        "UK" => "GB",
        var c => c,
    };

    private static bool IsCountry(string code)
    {
        if (code.Length != 2 || !code.All(char.IsAsciiLetterUpper) || NotCountries.Contains(code)) return false;
        try
        {
            _ = new RegionInfo(code);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Waits for allocation if needed and returns the eSIM with a full LPA code. The order is paid by now.</summary>
    private async Task<UpstreamEsim> CompleteAsync(string orderNo, IReadOnlyList<CloudeSimOrderedEsim> listed, CancellationToken ct)
    {
        try
        {
            var ordered = listed.FirstOrDefault(e => !string.IsNullOrEmpty(e.Iccid) && !string.IsNullOrEmpty(e.Ac));
            var (iccid, ac, tranNo) = ordered is not null
                ? (ordered.Iccid, ordered.Ac!, ordered.EsimTranNo)
                : await WaitForAllocationAsync(orderNo, ct);

            var lpa = CloudeSimActivationCode.Normalise(ac, _options.SmdpAddress);
            if (lpa is null && ordered is not null)
                lpa = CloudeSimActivationCode.Normalise((await QueryOneAsync(iccid, ct)).Ac, _options.SmdpAddress);
            if (lpa is null)
                throw new CloudeSimApiException(CloudeSimErrorCodes.ActivationCodeIncomplete,
                    $"CloudeSIM order {orderNo} gave eSIM {Iccids.Tail(iccid)} an activation code without an SM-DP+ address; "
                    + $"set {CloudeSimOptions.Section}:{nameof(CloudeSimOptions.SmdpAddress)} (the address in the order's QR code).",
                    null, retryable: false, outcomeUnknown: true) { OrderNo = orderNo };
            return new UpstreamEsim(iccid, lpa, tranNo, QrCodePngDataUrl: null, orderNo);
        }
        catch (CloudeSimApiException e) when (e.OrderNo is not null)
        {
            throw;
        }
        catch (UpstreamException e)
        {
            throw Paid(orderNo, CloudeSimErrorCodes.AllocationPending, $"reading it failed: {e.Message}", e);
        }
    }

    /// <summary>
    /// eSIM Access allocates profiles asynchronously (up to ~30 s); CloudeSIM may pass that through
    /// (docs/providers/cloudesim.md §3.2).
    /// </summary>
    private async Task<(string Iccid, string Ac, string? EsimTranNo)> WaitForAllocationAsync(string orderNo, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + _options.AllocationTimeout;
        while (true)
        {
            try
            {
                var esims = await client.QueryAsync(null, orderNo, ct);
                if (esims.FirstOrDefault(e => !string.IsNullOrEmpty(e.Iccid) && !string.IsNullOrEmpty(e.Ac)) is { } ready)
                    return (ready.Iccid, ready.Ac!, ready.EsimTranNo);
            }
            catch (CloudeSimApiException e) when (e.Retryable || e.Code is CloudeSimErrorCodes.NotFound or CloudeSimErrorCodes.Rejected)
            {
                // eSIM Access answers "profile is being downloaded" (200010) until the order is ready
                // (docs/providers/cloudesim.md §3.3).
            }
            if (time.GetUtcNow() >= deadline)
                throw Paid(orderNo, CloudeSimErrorCodes.AllocationPending,
                    $"its eSIM was not allocated within {_options.AllocationTimeout.TotalSeconds:0} s", null);
            await Task.Delay(_options.AllocationPollInterval, time, ct);
        }
    }

    /// <summary>The order went through and was charged, but its eSIM is not in hand: look it up before ordering again.</summary>
    private static CloudeSimApiException Paid(string orderNo, string code, string why, Exception? inner) =>
        new(code, $"CloudeSIM order {orderNo} was placed but {why}.", null, retryable: false, outcomeUnknown: true, inner: inner)
        {
            OrderNo = orderNo,
        };

    private async Task<CloudeSimEsim> QueryOneAsync(string iccid, CancellationToken ct)
    {
        var esims = await client.QueryAsync(iccid, null, ct);
        return esims.FirstOrDefault(e => e.Iccid == iccid)
               ?? esims.FirstOrDefault()
               ?? throw new CloudeSimApiException(CloudeSimErrorCodes.NotFound, $"CloudeSIM query found no eSIM {Iccids.Tail(iccid)}.",
                   200, retryable: false);
    }

    private static bool ToppedUpSince(CloudeSimEsim before, CloudeSimEsim now)
    {
        if (now.RemainingVolume > before.RemainingVolume || now.TotalVolume > before.TotalVolume) return true;
        var was = StateOf(before);
        if (was is EsimState.Active or EsimState.Depleted
            && CloudeSimDates.Parse(before.ExpireTime) is { } expiry && CloudeSimDates.Parse(now.ExpireTime) > expiry)
            return true;
        return was == EsimState.Depleted && StateOf(now) == EsimState.Active;
    }

    private static EsimState StateOf(CloudeSimEsim esim) => ToState(esim.Status, esim.RemainingVolume == 0 ? 0 : null);

    private async Task<string> BalanceChangeAsync(CallAttempt attempt, CancellationToken ct) =>
        attempt.BalanceBefore is { } before && await TryBalanceAsync(ct) is { } now
            ? string.Create(CultureInfo.InvariantCulture, $" (balance ${before:0.00} before it, ${now:0.00} now; that alone proves nothing)")
            : "";

    private async Task<decimal?> TryBalanceAsync(CancellationToken ct)
    {
        try
        {
            return (await client.GetBalanceAsync(ct)).Balance;
        }
        catch (UpstreamException)
        {
            return null;
        }
    }

    private long? Mb(decimal? volume) => volume switch
    {
        null => null,
        var v when _options.RemainingVolumeUnit == CloudeSimVolumeUnit.Bytes => (long)decimal.Floor(v.Value / (1024m * 1024m)),
        var v => (long)decimal.Floor(v.Value),
    };
}
