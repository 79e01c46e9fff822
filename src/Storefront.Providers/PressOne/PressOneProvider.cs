using Storefront.Domain;

namespace Storefront.Providers.PressOne;

/// <summary>
/// PressOne as an <see cref="IEsimProvider"/>: a package provider. An order carries the package and returns the eSIM
/// with its LPA at once. The store's order reference travels as the order's <c>description</c>, which the orders list
/// can filter on: that is how an order or top-up whose answer was lost is found again without buying twice
/// (docs/providers/pressone.md §3.3.11). PressOne documents no suspend, throttle or cancel
/// (docs/providers/pressone.md §3.1 #2); webhooks follow Airalo's signed notifications (<see cref="PressOneWebhook"/>).
/// </summary>
public sealed class PressOneProvider(PressOneClient client, TimeProvider time) : IEsimProvider, ITopUps, IResellerBalance, IWebhookEvents
{
    public const string ProviderName = "pressone";
    private const string Usd = "USD";

    public string Name => ProviderName;

    public async Task<UpstreamCatalog> FetchCatalogAsync(CancellationToken ct)
    {
        var countries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var packages = new Dictionary<string, UpstreamPackage>(StringComparer.Ordinal);
        var catalogue = await client.GetAllPackagesAsync(null, null, includeTopUps: false, ct);
        foreach (var entry in catalogue.Data)
        {
            if (entry.CountryCode is { Length: 2 } iso2) countries[iso2.ToUpperInvariant()] = entry.Title;
            foreach (var op in entry.Operators ?? [])
            {
                var coverage = ToCoverage(entry, op);
                var covered = (op.Countries ?? []).Select(c => c.CountryCode.ToUpperInvariant()).Where(c => c.Length == 2).Distinct().ToList();
                if (covered.Count == 0 && entry.CountryCode is { Length: 2 } own) covered.Add(own.ToUpperInvariant());
                foreach (var country in op.Countries ?? [])
                    if (country.CountryCode.Length == 2 && country.Title is { Length: > 0 } title)
                        countries.TryAdd(country.CountryCode.ToUpperInvariant(), title);

                foreach (var package in (op.Packages ?? []).Where(p => p.Type == PressOnePackageTypes.Sim))
                    packages.TryAdd(package.Id, ToUpstream(package, $"{entry.Title} {package.Title}", coverage, covered,
                        op.Rechargeability ?? false, catalogue.Pricing, op.ActivationPolicy));
            }
        }
        return new UpstreamCatalog(
            countries.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new UpstreamCountry(c.Key, c.Value, [])).ToList(),
            packages.Values.ToList());
    }

    public async Task<UpstreamEsim?> FindEsimAsync(ProvisionRequest request, CancellationToken ct)
    {
        // The description filter is not documented as exact (it may match a part), so the description is compared here.
        PressOneOrder? latest = null;
        await foreach (var order in client.ListAllOrdersAsync(new PressOneOrderFilter { Description = request.OrderReference }, includeSims: true, ct))
        {
            if (order.Type == PressOnePackageTypes.Sim && order.Description == request.OrderReference && order.Sims is { Count: > 0 }
                && (latest is null || order.Id > latest.Id))
                latest = order;
        }
        return latest is null ? null : ToUpstream(latest);
    }

    /// <summary>Chargeable: orders one eSIM of <see cref="ProvisionRequest.PackageId"/>, described by the order reference.</summary>
    public async Task<UpstreamEsim> CreateEsimAsync(ProvisionRequest request, CancellationToken ct)
    {
        var packageId = request.PackageId
                        ?? throw new ArgumentException("A PressOne plan is a package: PackageId is required.", nameof(request));
        var order = await client.SubmitOrderAsync(packageId, 1, request.OrderReference, ct);
        if (order.Sims is not { Count: > 0 })
            throw new PressOneApiException(PressOneErrorCodes.InvalidResponse, $"PressOne order {order.Code} answered without an eSIM.",
                200, retryable: false, outcomeUnknown: true);
        return ToUpstream(order);
    }

    /// <summary>The order already carries the package.</summary>
    public async Task<EsimReading> ReadEsimAsync(string iccid, CancellationToken ct)
    {
        var usage = await client.GetUsageAsync(iccid, ct);
        var unlimited = usage.IsUnlimited == true;
        return new EsimReading(iccid, ToState(usage.Status), WalletBalanceUsd: null,
            DataRemainingMb: unlimited || usage.Status == PressOneUsageStatus.Recycled ? null : usage.Remaining,
            DataTotalMb: unlimited || usage.Status == PressOneUsageStatus.Recycled ? null : usage.Total,
            ActivatedAt: null, usage.ExpiredAt, time.GetUtcNow());
    }

    /// <summary>
    /// The top-up packages of the eSIM now. The list says nothing about coverage, so each is reported as local with no
    /// countries: a top-up always covers what the eSIM's own package covers.
    /// </summary>
    public async Task<IReadOnlyList<UpstreamPackage>> ListTopUpsAsync(string iccid, CancellationToken ct)
    {
        var packages = await client.GetTopUpPackagesAsync(iccid, ct);
        return packages.Select(p => ToUpstream(p, p.Title, Coverage.Local, [], topUpAllowed: true, pricing: null)).ToList();
    }

    /// <summary>Chargeable: orders the top-up package, described by the store's top-up reference.</summary>
    public async Task<TopUpResult> TopUpAsync(string iccid, TopUpRequest request, CancellationToken ct)
    {
        var packageId = request.PackageId
                        ?? throw new ArgumentException("A PressOne top-up is a package: PackageId is required.", nameof(request));
        var order = await client.SubmitTopUpAsync(iccid, packageId, request.Reference, ct);
        return new TopUpResult(iccid, order.Code);
    }

    public async Task<TopUpResult?> FindTopUpAsync(string iccid, TopUpRequest request, CancellationToken ct)
    {
        PressOneOrder? latest = null;
        await foreach (var order in client.ListAllOrdersAsync(new PressOneOrderFilter { Description = request.Reference }, includeSims: false, ct))
        {
            if (order.Type == PressOnePackageTypes.TopUp && order.Description == request.Reference
                && (request.PackageId is null || order.PackageId == request.PackageId)
                && (latest is null || order.Id > latest.Id))
                latest = order;
        }
        return latest is null ? null : new TopUpResult(iccid, latest.Code);
    }

    /// <summary>
    /// The prepaid balance (or remaining post-paid credit). Every documented example is in USD
    /// (docs/providers/pressone.md §3.1 #6).
    /// </summary>
    public async Task<decimal> GetResellerBalanceAsync(CancellationToken ct)
    {
        var balance = await client.GetBalanceAsync(ct);
        if (balance.Currency is { } currency && !currency.Equals(Usd, StringComparison.OrdinalIgnoreCase))
            throw new PressOneApiException(PressOneErrorCodes.UnsupportedCurrency,
                $"The PressOne balance is in {currency}; the store reads it in USD only.", 200, retryable: false);
        return balance.Amount;
    }

    /// <summary>
    /// Verifies an Airalo-style notification (<c>airalo-signature</c>, HMAC-SHA512 keyed with the client secret, which
    /// is the <paramref name="signingSecret"/> to pass) and reduces it to what the store acts on.
    /// </summary>
    public ProviderWebhookEvent? ParseWebhook(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, string? signingSecret)
    {
        var signature = headers.FirstOrDefault(h => h.Key.Equals(PressOneWebhook.SignatureHeader, StringComparison.OrdinalIgnoreCase)).Value;
        if (signingSecret is null || !PressOneWebhook.IsSignatureValid(signature, body, signingSecret)) return null;
        var n = PressOneWebhook.Parse(body);
        var kind = n.Type switch
        {
            PressOneWebhook.LowData when n.Level?.EndsWith('%') == true => ProviderEventKind.BalanceLow,
            PressOneWebhook.CreditLimit => ProviderEventKind.ResellerBalanceLow,
            _ => ProviderEventKind.Other,
        };
        return new ProviderWebhookEvent(n.Id, kind, n.Type, n.Iccid, WalletBalanceUsd: null, n.RemainingCredit, At: null);
    }

    internal static EsimState ToState(string? status) => status switch
    {
        PressOneUsageStatus.NotActive => EsimState.NotInstalled,
        PressOneUsageStatus.Active => EsimState.Active,
        PressOneUsageStatus.Finished => EsimState.Depleted,
        PressOneUsageStatus.Expired => EsimState.Expired,
        PressOneUsageStatus.Recycled => EsimState.Terminated,
        _ => EsimState.Unknown,
    };

    private static Coverage ToCoverage(PressOneCountryPackages entry, PressOneOperator op) =>
        op.Type == PressOnePackageTypes.Local ? Coverage.Local
        : entry.Slug is "world" or "global" ? Coverage.Global
        : Coverage.Regional;

    private static UpstreamPackage ToUpstream(PressOnePackage package, string name, Coverage coverage, IReadOnlyList<string> countries,
        bool topUpAllowed, PressOnePricing? pricing, string? activationPolicy = null) =>
        new(package.Id,
            name,
            coverage,
            countries,
            DataMb: package.IsUnlimited ? null : package.Amount,
            ValidityDays: package.Day > 0 ? package.Day : null,
            package.IsUnlimited,
            topUpAllowed,
            CostUsd: Cost(package, pricing),
            RecommendedRetailUsd: InUsd(package.Prices?.RecommendedRetailPrice) ?? package.Price,
            RequiresTravelDate: false)
        {
            // Airalo's operators say "first-usage"; anything else (e.g. "installation") is not tied to the first use.
            ValidityStartsAtPurchase = activationPolicy is { Length: > 0 } policy && policy != "first-usage",
        };

    /// <summary>
    /// Under net pricing the reseller pays net_price; under discount pricing, price less the discount
    /// (docs/providers/pressone.md §3.3.4).
    /// </summary>
    private static decimal Cost(PressOnePackage package, PressOnePricing? pricing)
    {
        if (InUsd(package.Prices?.NetPrice) is { } net) return net;
        if (package.NetPrice is { } netPrice) return netPrice;
        var price = package.Price ?? throw new PressOneApiException(PressOneErrorCodes.InvalidResponse,
            $"PressOne package {package.Id} has no price.", 200, retryable: false);
        var discount = pricing?.DiscountPercentage ?? 0m;
        return decimal.Round(price * (100m - discount) / 100m, 2, MidpointRounding.AwayFromZero);
    }

    private static decimal? InUsd(IReadOnlyDictionary<string, decimal>? prices) =>
        prices is not null && prices.TryGetValue(Usd, out var usd) ? usd : null;

    private static UpstreamEsim ToUpstream(PressOneOrder order)
    {
        var sim = order.Sims![0];
        return new UpstreamEsim(sim.Iccid, sim.ActivationCode, sim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            QrCodePngDataUrl: null, order.Code);
    }
}
