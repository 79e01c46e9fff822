using Storefront.Domain;

using Microsoft.Extensions.Options;

namespace Storefront.Providers.Roamify;

/// <summary>
/// Roamify as an <see cref="IEsimProvider"/>: a package provider whose order yields only esimIds; apply then generates
/// the profile (ICCID and LPA). The store's order reference travels as the order's <c>referenceId</c>, which is how an
/// order with a lost response is found again (docs/providers/roamify.md §2.3.6) instead of being bought twice.
/// </summary>
public sealed class RoamifyProvider(RoamifyClient client, IOptions<RoamifyOptions> options, TimeProvider time) : IEsimProvider, ITopUps, IResellerBalance, IWebhookEvents
{
    public const string ProviderName = "roamify";

    /// <summary>Above this many MB an allowance is the "unlimited" sentinel (2^53−1), not a real amount.</summary>
    private const decimal UnlimitedMb = 1_000_000_000m;

    public string Name => ProviderName;

    public async Task<UpstreamCatalog> FetchCatalogAsync(CancellationToken ct)
    {
        var names = await client.GetCountriesAsync(ct);
        var packages = new List<UpstreamPackage>();
        var groupNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var signalCountries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var group in client.GetAllPackagesAsync(null, ct))
        {
            if (group.Geography != RoamifyGeography.Local) groupNames.Add(group.CountryName);
            foreach (var signal in group.Signals ?? []) signalCountries.TryAdd(signal.Code, signal.Name);
            packages.AddRange((group.Packages ?? []).Select(p => ToUpstream(group, p)));
        }

        // The countries list mixes countries with regional bundles that reuse a country's code ("Africa Adventure" is
        // AF, docs/providers/roamify.md §2.3.1): drop the names of regional and global groups, then keep one name per
        // code.
        var countries = names
            .Where(c => !string.IsNullOrWhiteSpace(c.Code) && !groupNames.Contains(c.Name))
            .Select(c => (Iso2: c.Code.ToUpperInvariant(), c.Name))
            .Concat(signalCountries.Select(s => (Iso2: s.Key.ToUpperInvariant(), Name: s.Value)))
            .DistinctBy(c => c.Iso2)
            .Select(c => new UpstreamCountry(c.Iso2, c.Name, []))
            .ToList();
        return new UpstreamCatalog(countries, packages);
    }

    public async Task<UpstreamEsim?> FindEsimAsync(ProvisionRequest request, CancellationToken ct)
    {
        var order = await client.FindOrderByReferenceAsync(request.OrderReference, ct);
        if (order is null || order.Status is RoamifyOrderStatus.Cancelled or RoamifyOrderStatus.Refunded) return null;
        if (order.Esims?.FirstOrDefault(e => e.HasProfile) is { } instant) return ToUpstream(instant, order);
        // An order without an eSIM yet (PENDING, REQUIRE_ACTION) still exists: "nothing found" would buy a second one.
        var item = order.Items?.FirstOrDefault(i => !string.IsNullOrEmpty(i.EsimId))
                   ?? throw new RoamifyApiException(RoamifyErrorCodes.OrderNotReady,
                       $"Roamify order {order.Id} for {request.OrderReference} is {order.Status} and has no eSIM yet.", null,
                       retryable: order.Status != RoamifyOrderStatus.RequireAction, outcomeUnknown: true);

        var esim = await client.GetEsimAsync(item.EsimId!, ct);
        if (!esim.HasProfile)
        {
            // The order was paid for but its profile never came (apply lost, timed out or never sent). Apply is not
            // chargeable and answers an applied eSIM with its profile, so finishing it here buys nothing twice.
            var packageId = item.PackageId ?? RequirePackageId(request);
            esim = await client.ApplyAndWaitAsync(item.EsimId!, await StartDateAsync(packageId, request, ct), ct);
        }
        return ToUpstream(esim, order);
    }

    /// <summary>
    /// Orders one eSIM of <see cref="ProvisionRequest.PackageId"/> (chargeable, never retried here) and applies it. When
    /// the order succeeded but the profile did not come, the exception says the outcome is unknown: the eSIM exists and
    /// <see cref="FindEsimAsync"/> finishes it.
    /// </summary>
    public async Task<UpstreamEsim> CreateEsimAsync(ProvisionRequest request, CancellationToken ct)
    {
        var packageId = RequirePackageId(request);
        var startDate = await StartDateAsync(packageId, request, ct);
        var order = await client.CreateOrderAsync([new RoamifyOrderItemRequest(packageId, 1)], request.OrderReference, ct);
        var esimId = order.Items?.FirstOrDefault(i => !string.IsNullOrEmpty(i.EsimId))?.EsimId
                     ?? throw new RoamifyApiException(RoamifyErrorCodes.InvalidResponse, $"Roamify order {order.Id} came back without an esimId.",
                         null, retryable: false, outcomeUnknown: true);
        try
        {
            return ToUpstream(await client.ApplyAndWaitAsync(esimId, startDate, ct), order);
        }
        catch (RoamifyApiException e)
        {
            throw new RoamifyApiException(e.Code, $"Roamify order {order.Id} is placed but its eSIM is not ready: {e.Message}",
                e.HttpStatus, e.Retryable, outcomeUnknown: true, e.RetryAfter, e);
        }
    }

    /// <summary>The package came with the order: nothing is attached separately.</summary>
    /// <summary>
    /// From the usage endpoint; for a package with <c>withUsageCheck=false</c> Roamify refuses usage
    /// (docs/providers/roamify.md §2.3.8), so the eSIM object gives the status and expiry without the data figures.
    /// </summary>
    public async Task<EsimReading> ReadEsimAsync(string iccid, CancellationToken ct)
    {
        RoamifyUsage usage;
        try
        {
            usage = await client.GetUsageAsync(iccid, ct);
        }
        catch (RoamifyApiException e) when (e.Code == RoamifyErrorCodes.UsageNotSupported)
        {
            var esim = await client.GetEsimByIccidAsync(iccid, ct);
            var expires = RoamifyJson.FromUnix(esim.ExpiredAt);
            return new EsimReading(iccid, ToState(esim.Status, expires, null, null, time.GetUtcNow()), WalletBalanceUsd: null, DataRemainingMb: null,
                DataTotalMb: null, ActivatedAt: null, expires, time.GetUtcNow());
        }

        var unlimited = usage.AllowedData is null or >= UnlimitedMb;
        long? total = unlimited ? null : (long)usage.AllowedData!.Value;
        long? remaining = unlimited || usage.RemainingData is null ? null : (long)Math.Max(0, usage.RemainingData.Value);
        var startedAt = RoamifyJson.FromUnix(usage.StartedAt);
        var expiresAt = RoamifyJson.FromUnix(usage.ExpiredAt);
        return new EsimReading(usage.Iccid.Length > 0 ? usage.Iccid : iccid, ToState(usage.Status, expiresAt, startedAt, remaining, time.GetUtcNow()),
            WalletBalanceUsd: null, remaining, total, startedAt, expiresAt, time.GetUtcNow());
    }

    /// <summary>
    /// The compatible top-ups of this eSIM. They carry no coverage, so they get the coverage of the eSIM's own package
    /// (the first in its history), which they extend.
    /// </summary>
    public async Task<IReadOnlyList<UpstreamPackage>> ListTopUpsAsync(string iccid, CancellationToken ct)
    {
        var topUps = await client.GetTopUpPackagesAsync(iccid, ct);
        if (topUps.Count == 0) return [];
        var (coverage, countries) = await CoverageOfAsync(iccid, ct);
        return topUps.Select(t =>
        {
            var unlimited = t.Data?.IsUnlimited == true || t.Data?.DataAmount >= UnlimitedMb;
            return new UpstreamPackage(t.PackageId, t.Package, coverage, countries,
                unlimited ? null : ToMb(t.Data?.DataAmount, t.Data?.DataUnit), t.Day > 0 ? t.Day : null, unlimited,
                TopUpAllowed: true, t.Price, RecommendedRetailUsd: null, RequiresTravelDate: false);
        }).ToList();
    }

    /// <summary>Buys a top-up package for the eSIM (chargeable, never retried here); the store's reference is its referenceId.</summary>
    public async Task<TopUpResult> TopUpAsync(string iccid, TopUpRequest request, CancellationToken ct)
    {
        var packageId = request.PackageId ?? throw new ArgumentException("A Roamify top-up is a package: PackageId is required.", nameof(request));
        var order = await client.TopUpAsync(iccid, packageId, request.Reference, ct);
        return new TopUpResult(iccid, order.Id);
    }

    /// <summary>
    /// Top-up orders take a referenceId and are found by it like eSIM orders
    /// (docs/providers/roamify.md §2.3.10, §2.3.6).
    /// </summary>
    public async Task<TopUpResult?> FindTopUpAsync(string iccid, TopUpRequest request, CancellationToken ct)
    {
        var order = await client.FindOrderByReferenceAsync(request.Reference, ct);
        if (order is null || order.Status is RoamifyOrderStatus.Cancelled or RoamifyOrderStatus.Refunded) return null;
        if (request.PackageId is { } packageId && order.Items is { Count: > 0 } items && items.All(i => i.PackageId != packageId)) return null;
        return new TopUpResult(iccid, order.Id);
    }

    public async Task<decimal> GetResellerBalanceAsync(CancellationToken ct) => (await client.GetBalanceAsync(ct)).Balance;

    /// <summary>Verifies with <paramref name="signingSecret"/>, or Roamify:WebhookSecret when none is given.</summary>
    public ProviderWebhookEvent? ParseWebhook(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, string? signingSecret)
    {
        var secret = string.IsNullOrEmpty(signingSecret) ? options.Value.WebhookSecret : signingSecret;
        var signature = headers.FirstOrDefault(h => h.Key.Equals(RoamifyWebhook.SignatureHeader, StringComparison.OrdinalIgnoreCase)).Value;
        if (!RoamifyWebhook.IsSignatureValid(signature, body, secret)) return null;

        var e = RoamifyWebhook.Parse(body);
        var type = RoamifyWebhook.NormalizedType(e.EventType);
        var d = e.Data;
        var kind = (e.EventCategory, type) switch
        {
            (RoamifyEventCategories.Esim, RoamifyEventTypes.Status) => d.Status switch
            {
                RoamifyEsimStatus.Activated => ProviderEventKind.Activated,
                RoamifyEsimStatus.Expired => ProviderEventKind.Expired,
                _ => ProviderEventKind.Other,
            },
            (RoamifyEventCategories.Esim, RoamifyEventTypes.Usage) => UsageKind(d.UsageData),
            (RoamifyEventCategories.Partner, RoamifyEventTypes.LowBalance or RoamifyEventTypes.InsufficientBalance) => ProviderEventKind.ResellerBalanceLow,
            _ => ProviderEventKind.Other,
        };
        return new ProviderWebhookEvent(RoamifyWebhook.EventId(body), kind, $"{e.EventCategory}.{type}", d.Iccid,
            WalletBalanceUsd: null, e.EventCategory == RoamifyEventCategories.Partner ? d.Balance : null, RoamifyJson.FromUnix(d.Timestamp));
    }

    /// <summary>
    /// Usage events come at 25/50/75/90/100 % used (docs/providers/roamify.md §2.4): a quarter or less left is low,
    /// nothing left is depleted.
    /// </summary>
    private static ProviderEventKind UsageKind(RoamifyWebhookUsage? usage)
    {
        if (usage is not { AllowedData: > 0 and < UnlimitedMb, RemainingData: { } remaining } || usage.IsUnlimited == true)
            return ProviderEventKind.Other;
        if (remaining <= 0) return ProviderEventKind.Depleted;
        return remaining <= usage.AllowedData.Value / 4 ? ProviderEventKind.BalanceLow : ProviderEventKind.Other;
    }

    internal static EsimState ToState(string? status, DateTimeOffset? expiresAt, DateTimeOffset? startedAt, long? remainingMb,
        DateTimeOffset now) => status switch
    {
        RoamifyEsimStatus.New or RoamifyEsimStatus.Ready => EsimState.NotInstalled,
        RoamifyEsimStatus.Expired => EsimState.Expired,
        RoamifyEsimStatus.Revoked or RoamifyEsimStatus.Deleted => EsimState.Terminated,
        RoamifyEsimStatus.Installed or RoamifyEsimStatus.Downloaded or RoamifyEsimStatus.Activated or RoamifyEsimStatus.Inactive =>
            remainingMb == 0 ? EsimState.Depleted
            : startedAt is not null && expiresAt is { } end && end <= now ? EsimState.Expired
            : EsimState.Active,
        _ => EsimState.Unknown,
    };

    /// <summary>
    /// The startDate apply needs for a travel-date package (docs/providers/roamify.md §2.3.4: "if required and not
    /// provided, the request will fail"), null otherwise. Looked up before ordering, so an unknown package is refused
    /// before anything is charged.
    /// </summary>
    private async Task<DateOnly?> StartDateAsync(string packageId, ProvisionRequest request, CancellationToken ct)
    {
        var found = await client.GetPackageAsync(packageId, ct)
                    ?? throw new RoamifyApiException(RoamifyErrorCodes.PackageNotFound, $"Roamify has no package {packageId}.", null, retryable: false);
        if (found.Package.Requirements?.TravelDate != true) return null;
        // An order without a travel date could only mean "from now": today in UTC is the earliest date Roamify accepts.
        return request.TravelStartDate ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    }

    private async Task<(Coverage, IReadOnlyList<string>)> CoverageOfAsync(string iccid, CancellationToken ct)
    {
        var history = await client.GetHistoryAsync(iccid, ct);
        if (history.FirstOrDefault() is not { } first || await client.GetPackageAsync(first.PackageId, ct) is not { } found)
            return (Coverage.Local, []);
        return (ToCoverage(found.Group.Geography), CountriesOf(found.Group));
    }

    private static UpstreamPackage ToUpstream(RoamifyPackageGroup group, RoamifyPackage p)
    {
        var unlimited = p.IsUnlimited || p.DataAmount >= UnlimitedMb;
        return new UpstreamPackage(p.PackageId, p.Package, ToCoverage(group.Geography), CountriesOf(group),
            unlimited ? null : ToMb(p.DataAmount, p.DataUnit), p.Day > 0 ? p.Day : null, unlimited, p.WithTopUp == true, p.Price,
            RecommendedRetailUsd: null, p.Requirements?.TravelDate == true)
        {
            // Roamify documents "first-use"; any other activation is taken to start at purchase
            // (docs/providers/roamify.md §2.5).
            ValidityStartsAtPurchase = p.Activation is { Length: > 0 } activation && activation != "first-use",
        };
    }

    /// <summary>
    /// A local group covers its own country; regional and global groups list theirs as signals
    /// (docs/providers/roamify.md §2.3.2).
    /// </summary>
    private static IReadOnlyList<string> CountriesOf(RoamifyPackageGroup group)
    {
        var signals = (group.Signals ?? []).Select(s => s.Code.ToUpperInvariant()).Where(c => c.Length == 2).Distinct().ToList();
        if (group.Geography != RoamifyGeography.Local) return signals;
        return group.CountryCode is { Length: 2 } code ? [code.ToUpperInvariant()] : signals;
    }

    private static Coverage ToCoverage(string geography) => geography switch
    {
        RoamifyGeography.Regional => Coverage.Regional,
        RoamifyGeography.Global => Coverage.Global,
        _ => Coverage.Local,
    };

    private static long? ToMb(decimal? amount, string? unit) => amount switch
    {
        null => null,
        { } a when string.Equals(unit, "GB", StringComparison.OrdinalIgnoreCase) => (long)(a * 1024),
        { } a when string.Equals(unit, "KB", StringComparison.OrdinalIgnoreCase) => (long)(a / 1024),
        { } a => (long)a,
    };

    private static UpstreamEsim ToUpstream(RoamifyEsim esim, RoamifyOrder order) =>
        new(esim.Iccid!, RoamifyProfile.LpaOf(esim.Esim)!, esim.Id, QrCodePngDataUrl: null, order.ReferenceId);

    private static string RequirePackageId(ProvisionRequest request) =>
        request.PackageId ?? throw new ArgumentException("A Roamify plan is a package: PackageId is required.", nameof(request));
}
