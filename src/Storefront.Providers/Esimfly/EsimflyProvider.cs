using Storefront.Domain;

using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Storefront.Providers.Esimfly;

/// <summary>
/// eSIMfly Business API V1 as an <see cref="IEsimProvider"/>: a package provider. An order buys a catalogue package and
/// returns the eSIM at once or, for slow networks, after polling; top-ups add packages to an eSIM. V1 has no suspend,
/// throttle or cancel, and no webhooks. Lost answers to orders and top-ups are resolved with the
/// <see cref="EsimflyPurchaseJournal"/> (see there why).
/// </summary>
public sealed partial class EsimflyProvider(
    EsimflyClient client,
    EsimflyPurchaseJournal journal,
    IOptions<EsimflyOptions> options,
    TimeProvider time,
    ILogger<EsimflyProvider> logger) : IEsimProvider, ITopUps, IResellerBalance
{
    public const string ProviderName = "esimfly";
    public const string Usd = "USD";

    private const string DataPngPrefix = "data:image/png;base64,";
    private readonly EsimflyOptions _options = options.Value;

    public string Name => ProviderName;

    public async Task<UpstreamCatalog> FetchCatalogAsync(CancellationToken ct)
    {
        var packages = new List<UpstreamPackage>();
        var countries = new Dictionary<string, string>();
        await foreach (var package in client.ListAllPackagesAsync(null, ct))
        {
            RequireUsd(package.Currency, "The catalogue");
            var covered = EsimflyCountries.Of(package);
            foreach (var (iso2, name) in covered) countries.TryAdd(iso2, name);
            packages.Add(ToUpstream(package, covered.Select(c => c.Iso2).ToList()));
        }
        return new UpstreamCatalog(
            countries.Select(c => new UpstreamCountry(c.Key, c.Value, [])).OrderBy(c => c.Name, StringComparer.Ordinal).ToList(),
            packages);
    }

    public async Task<UpstreamEsim> CreateEsimAsync(ProvisionRequest request, CancellationToken ct)
    {
        var packageCode = RequirePackage(request);
        if (Earlier(EsimflyPurchaseKind.Esim, request.OrderReference, null) is { } made)
            return await WaitForEsimAsync(made, ct);
        var baseline = await BaselineAsync(packageCode, ct);
        var purchase = journal.Begin(EsimflyPurchaseKind.Esim, request.OrderReference, packageCode, null, baseline);
        EsimflyOrderResult result;
        try
        {
            result = await client.OrderAsync(packageCode, 1, ct);
        }
        catch (Exception e)
        {
            journal.Settle(purchase, IsCertainlyNotMade(e) ? EsimflyPurchaseOutcome.NotMade : EsimflyPurchaseOutcome.Unknown);
            throw;
        }
        journal.Made(purchase, result.OrderReference);
        logger.LogInformation("eSIMfly order {UpstreamReference} placed for {Reference} ({Status})",
            result.OrderReference, request.OrderReference, result.Status);

        if (result.Esims?.FirstOrDefault() is { Iccid.Length: > 0, IsPending: not true } esim)
            return await ToUpstreamAsync(result.OrderReference, esim.Iccid, esim.LpaString ?? result.LpaString,
                esim.DirectAppleInstallUrl, esim.QrCodeUrl ?? result.QrCodeUrl, result.EsimId, ct);
        return await WaitForEsimAsync(result.OrderReference, ct);
    }

    public async Task<UpstreamEsim?> FindEsimAsync(ProvisionRequest request, CancellationToken ct)
    {
        var upstreamReference = await FindPurchaseAsync(EsimflyPurchaseKind.Esim, request.OrderReference, null, ct);
        return upstreamReference is null ? null : await WaitForEsimAsync(upstreamReference, ct);
    }

    /// <summary>An eSIMfly order carries its package, so the plan is on the eSIM from the start.</summary>
    public async Task<EsimReading> ReadEsimAsync(string iccid, CancellationToken ct)
    {
        var usage = await client.GetUsageAsync(iccid, ct);
        var unlimited = usage.Data?.IsUnlimited == true;
        return new EsimReading(
            usage.Esim?.Iccid ?? iccid,
            ToState(usage.Esim?.Status, usage.Data, usage.Validity),
            WalletBalanceUsd: null,
            DataRemainingMb: unlimited ? null : usage.Data?.RemainingMb,
            DataTotalMb: unlimited ? null : usage.Data?.TotalMb,
            usage.Validity?.ActivatedAt,
            usage.Validity?.ExpiresAt,
            time.GetUtcNow());
    }

    /// <summary>Top-up packages eSIMfly offers for this eSIM now; none while it is not top-up-able (NEW, EXPIRED, …).</summary>
    public async Task<IReadOnlyList<UpstreamPackage>> ListTopUpsAsync(string iccid, CancellationToken ct)
    {
        IReadOnlyList<EsimflyTopUpPackage> packages;
        try
        {
            packages = await client.ListAllTopUpPackagesAsync(iccid, ct);
        }
        catch (EsimflyApiException e) when (e.Code is EsimflyErrorCodes.EsimNotToppable or EsimflyErrorCodes.TopUpNotSupported)
        {
            return [];
        }
        return packages.Select(p =>
        {
            RequireUsd(p.Currency, "The top-up list");
            return new UpstreamPackage(p.PackageCode, p.Name, Coverage.Local, [], p.IsUnlimited ? null : EsimflyUnits.MbFromGb(p.DataAmountGb),
                p.ValidityDays, p.IsUnlimited, TopUpAllowed: true, p.Cost, RecommendedRetailUsd: null, RequiresTravelDate: false);
        }).ToList();
    }

    /// <summary>Chargeable: adds the top-up package <see cref="TopUpRequest.PackageId"/>; never retried here.</summary>
    public async Task<TopUpResult> TopUpAsync(string iccid, TopUpRequest request, CancellationToken ct)
    {
        var packageCode = request.PackageId is { Length: > 0 } id
            ? id
            : throw new ArgumentException("An eSIMfly top-up is a package: PackageId is required.", nameof(request));
        if (Earlier(EsimflyPurchaseKind.TopUp, request.Reference, iccid) is { } made)
            return new TopUpResult(iccid, made);
        var baseline = await BaselineAsync(packageCode, ct);
        var purchase = journal.Begin(EsimflyPurchaseKind.TopUp, request.Reference, packageCode, iccid, baseline);
        EsimflyTopUpResult result;
        try
        {
            result = await client.TopUpAsync(iccid, packageCode, 1, ct);
        }
        catch (Exception e)
        {
            journal.Settle(purchase, IsCertainlyNotMade(e) ? EsimflyPurchaseOutcome.NotMade : EsimflyPurchaseOutcome.Unknown);
            throw;
        }
        journal.Made(purchase, result.OrderReference);
        logger.LogInformation("eSIMfly top-up {UpstreamReference} on eSIM {Iccid} for {Reference}",
            result.OrderReference, Iccids.Tail(iccid), request.Reference);
        return new TopUpResult(result.Iccid ?? iccid, result.OrderReference);
    }

    public async Task<TopUpResult?> FindTopUpAsync(string iccid, TopUpRequest request, CancellationToken ct)
    {
        var upstreamReference = await FindPurchaseAsync(EsimflyPurchaseKind.TopUp, request.Reference, iccid, ct);
        return upstreamReference is null ? null : new TopUpResult(iccid, upstreamReference);
    }

    /// <summary>V1 has no cancel; the later <c>POST /esims/cancel</c> (refund of unused eSIMs) is outside the V1 contract.</summary>
    public async Task<decimal> GetResellerBalanceAsync(CancellationToken ct)
    {
        var balance = await client.GetBalanceAsync(ct);
        RequireUsd(balance.Currency, "The account balance");
        return balance.Balance;
    }

    /// <summary>
    /// Verifies a delivery of the webhooks eSIMfly added after V1 (docs/providers/esimfly.md §1.5.10). Their events
    /// (esim.provisioned, order.completed) carry nothing the store acts on, so they come back as
    /// <see cref="ProviderEventKind.Other"/>, and the <see cref="ProviderCapabilities.Webhooks"/> capability stays off.
    /// </summary>
    public ProviderWebhookEvent? ParseWebhook(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, string? signingSecret)
    {
        string? Header(string name) => headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        if (signingSecret is null || !EsimflyWebhook.IsSignatureValid(Header(EsimflyWebhook.SignatureHeader), body, signingSecret)) return null;
        var e = EsimflyWebhook.Parse(body);
        var id = Header(EsimflyWebhook.IdHeader) ?? Convert.ToHexStringLower(SHA256.HashData(body))[..32];
        return new ProviderWebhookEvent(id, ProviderEventKind.Other, e.Event, e.Data?.Iccid, null, null, e.Timestamp);
    }

    internal static EsimState ToState(string? status, EsimflyDataUsage? data, EsimflyValidity? validity) => status?.ToUpperInvariant() switch
    {
        EsimflyEsimStatus.New => EsimState.NotInstalled,
        EsimflyEsimStatus.Active when validity?.IsExpired == true => EsimState.Expired,
        EsimflyEsimStatus.Active when data is { IsUnlimited: not true, TotalMb: > 0, RemainingMb: <= 0 } => EsimState.Depleted,
        EsimflyEsimStatus.Active => EsimState.Active,
        EsimflyEsimStatus.Depleted => EsimState.Depleted,
        EsimflyEsimStatus.Expired or EsimflyEsimStatus.UsedExpired => EsimState.Expired,
        EsimflyEsimStatus.Cancelled or EsimflyEsimStatus.Deleted => EsimState.Terminated,
        _ => EsimState.Unknown,
    };

    internal static UpstreamPackage ToUpstream(EsimflyPackage p, IReadOnlyList<string> countryIso2s) => new(
        p.PackageCode,
        p.Name,
        p.Type switch
        {
            EsimflyPackageTypes.Regional => Coverage.Regional,
            EsimflyPackageTypes.Global => Coverage.Global,
            _ => Coverage.Local,
        },
        countryIso2s,
        p.IsUnlimited ? null : EsimflyUnits.MbFromGb(p.DataAmountGb),
        p.ValidityDays > 0 ? p.ValidityDays : null,
        p.IsUnlimited,
        TopUpAllowed: p.Features?.IsRechargeable == true,
        p.Cost,
        // The catalogue shows only the reseller's cost; eSIMfly publishes no retail price
        // (docs/providers/esimfly.md §1.5.2).
        RecommendedRetailUsd: null,
        RequiresTravelDate: false);

    /// <summary>Polls the order until its eSIM has an ICCID, for up to <see cref="EsimflyOptions.OrderPollTimeout"/>.</summary>
    private async Task<UpstreamEsim> WaitForEsimAsync(string orderReference, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + _options.OrderPollTimeout;
        while (true)
        {
            var order = await client.GetOrderAsync(orderReference, ct);
            if (order.Status is EsimflyOrderStatus.Failed or EsimflyOrderStatus.Cancelled)
                throw new EsimflyApiException(order.Status == EsimflyOrderStatus.Failed ? EsimflyErrorCodes.OrderFailed : EsimflyErrorCodes.OrderCancelled,
                    $"eSIMfly order {orderReference} is {order.Status}; no eSIM was delivered.", null, retryable: false);
            if (order.Esim is { Iccid.Length: > 0, IsPending: not true } esim)
                return await ToUpstreamAsync(orderReference, esim.Iccid, esim.LpaString, esim.DirectAppleInstallUrl, esim.QrCodeUrl, null, ct);

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
                throw new EsimflyApiException(EsimflyErrorCodes.OrderPending,
                    $"eSIMfly order {orderReference} is paid but its eSIM is still being made; look it up again later.",
                    null, retryable: true, outcomeUnknown: true, retryAfter: _options.OrderPollInterval);
            await Task.Delay(left < _options.OrderPollInterval ? left : _options.OrderPollInterval, time, ct);
        }
    }

    /// <summary>
    /// The LPA comes as <c>lpaString</c> (since 2025-12), inside the Apple install link, or from the eSIM list's manual
    /// installation data (docs/providers/esimfly.md §1.5.3, §1.5.5).
    /// </summary>
    private async Task<UpstreamEsim> ToUpstreamAsync(string orderReference, string iccid, string? lpa, string? appleUrl, string? qrCode,
        long? esimId, CancellationToken ct)
    {
        lpa ??= LpaFromInstallUrl(appleUrl);
        if (lpa is null)
        {
            var listed = await client.FindEsimAsync(iccid, ct);
            esimId ??= listed?.Id;
            lpa ??= listed?.ManualInstallation switch
            {
                { LpaFormat.Length: > 0 } m => m.LpaFormat,
                { SmdpAddress.Length: > 0, ActivationCode.Length: > 0 } m => $"LPA:1${m.SmdpAddress}${m.ActivationCode}",
                _ => null,
            };
        }
        if (lpa is null)
            throw new EsimflyApiException(EsimflyErrorCodes.InvalidResponse,
                $"eSIMfly order {orderReference} delivered eSIM {Iccids.Tail(iccid)} without an activation code.", null, retryable: true);
        return new UpstreamEsim(iccid, lpa, esimId?.ToString(CultureInfo.InvariantCulture),
            qrCode is not null && qrCode.StartsWith(DataPngPrefix, StringComparison.Ordinal) ? qrCode : null, orderReference);
    }

    private static string? LpaFromInstallUrl(string? url)
    {
        const string carddata = "carddata=";
        var at = url?.IndexOf(carddata, StringComparison.Ordinal) ?? -1;
        if (at < 0) return null;
        var value = Uri.UnescapeDataString(url![(at + carddata.Length)..].Split('&')[0]);
        return value.StartsWith("LPA:", StringComparison.OrdinalIgnoreCase) && value.Count(c => c == '$') >= 2 ? value : null;
    }

    private static bool IsCertainlyNotMade(Exception e) => e is EsimflyApiException { OutcomeUnknown: false } or ArgumentException;

    private static string RequirePackage(ProvisionRequest request) => request.PackageId is { Length: > 0 } id
        ? id
        : throw new ArgumentException("An eSIMfly plan is a package: PackageId is required.", nameof(request));

    private static void RequireUsd(string? currency, string what)
    {
        if (currency is null || currency.Equals(Usd, StringComparison.OrdinalIgnoreCase)) return;
        throw new EsimflyApiException(EsimflyErrorCodes.UnsupportedCurrency,
            $"{what} is in {currency}; the store needs the eSIMfly account to be in USD.", null, retryable: false);
    }
}
