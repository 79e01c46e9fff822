using Storefront.Domain;

namespace Storefront.Providers.Citrus;

/// <summary>
/// Citrus Mobile as an <see cref="IEsimProvider"/>: a wallet provider. Provision creates an eSIM with a $0 wallet;
/// the plan is then funded onto it (seed 000). The order reference travels as <c>end_user_reference</c>, which is how a
/// provision with a lost response is found again (Citrus has no idempotency keys, docs/providers/citrus.md §2.4).
/// </summary>
public sealed class CitrusProvider(CitrusClient client, TimeProvider time) : IEsimProvider, IWalletFunding, ITopUps, ISuspendResume, IThrottling, ITermination, IResellerBalance,
    IWebhookEvents, IRegistersWebhooks
{
    public const string ProviderName = "citrus";

    /// <summary>The wallet display rounds down by up to ~5¢ (docs/providers/citrus.md §2.7).</summary>
    public const decimal WalletRoundingToleranceUsd = 0.05m;

    public string Name => ProviderName;

    public async Task<UpstreamCatalog> FetchCatalogAsync(CancellationToken ct)
    {
        var rates = await client.GetRatesAsync(null, ct);
        var countries = (rates.Countries ?? [])
            .Where(c => c.HasData)
            .Select(c => new UpstreamCountry(
                c.Iso2.ToUpperInvariant(),
                c.Name,
                (c.Networks ?? []).Select(n => new NetworkRate(n.Operator, n.PerGbUsd)).ToList()))
            .ToList();
        return new UpstreamCatalog(countries, []);
    }

    public async Task<UpstreamEsim?> FindEsimAsync(ProvisionRequest request, CancellationToken ct)
    {
        // The list is newest first, so the first match is the latest provision for this order.
        await foreach (var esim in client.ListAllEsimsAsync(null, ct))
        {
            if (esim.EndUserReference == request.OrderReference && esim.Status != CitrusEsimStatus.Terminated)
                return ToUpstream(esim);
        }
        return null;
    }

    public async Task<UpstreamEsim> CreateEsimAsync(ProvisionRequest request, CancellationToken ct) =>
        ToUpstream(await client.ProvisionAsync(request.OrderReference, request.Label, ct));

    /// <summary>Whether the wallet holds the amount (the wallet display rounds down by a few cents, docs/providers/citrus.md §2.7).</summary>
    public async Task<bool> IsFundedAsync(string iccid, decimal amountUsd, CancellationToken ct)
    {
        var current = await client.GetEsimAsync(iccid, ct);
        return current.WalletBalanceUsd is { } wallet && wallet >= amountUsd - WalletRoundingToleranceUsd;
    }

    public Task FundAsync(string iccid, decimal amountUsd, CancellationToken ct) => client.FundAsync(iccid, amountUsd, ct);

    public async Task<EsimReading> ReadEsimAsync(string iccid, CancellationToken ct)
    {
        var esim = await client.GetEsimAsync(iccid, ct);
        return new EsimReading(esim.Iccid, ToState(esim), esim.WalletBalanceUsd, DataRemainingMb: null, DataTotalMb: null,
            esim.ActivatedAt, ExpiresAt: null, time.GetUtcNow());
    }

    /// <summary>Citrus has no top-up packages: a top-up is any amount funded to the wallet.</summary>
    public Task<IReadOnlyList<UpstreamPackage>> ListTopUpsAsync(string iccid, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<UpstreamPackage>>([]);

    /// <summary>Adds money to the wallet (chargeable, never retried here).</summary>
    public async Task<TopUpResult> TopUpAsync(string iccid, TopUpRequest request, CancellationToken ct)
    {
        var amount = request.AmountUsd ?? throw new ArgumentException("A Citrus top-up is an amount: AmountUsd is required.", nameof(request));
        await client.FundAsync(iccid, amount, ct);
        return new TopUpResult(iccid, null);
    }

    /// <summary>
    /// Citrus keeps no record of fund calls a reseller can query (docs/providers/citrus.md §2.4), and the wallet alone
    /// cannot tell a landed top-up from usage, so an unknown top-up outcome goes to a person.
    /// </summary>
    public Task<TopUpResult?> FindTopUpAsync(string iccid, TopUpRequest request, CancellationToken ct) =>
        throw new NotSupportedByProviderException(Name, "looking up a top-up");

    public Task SuspendAsync(string iccid, CancellationToken ct) => client.DisableAsync(iccid, ct);

    public Task ResumeAsync(string iccid, CancellationToken ct) => client.EnableAsync(iccid, ct);

    public async Task ThrottleAsync(string iccid, int? kbps, CancellationToken ct) => await client.ThrottleAsync(iccid, kbps switch
    {
        null => CitrusSpeed.NoLimit,
        <= 100 => CitrusSpeed.Speed100Kbps,
        <= 250 => CitrusSpeed.Speed250Kbps,
        <= 500 => CitrusSpeed.Speed500Kbps,
        <= 1000 => CitrusSpeed.Speed1000Kbps,
        <= 2000 => CitrusSpeed.Speed2000Kbps,
        _ => CitrusSpeed.Speed5000Kbps,
    }, ct);

    /// <summary>Terminating forfeits the wallet (seed 000); Citrus refunds nothing.</summary>
    public async Task<decimal?> TerminateAsync(string iccid, CancellationToken ct)
    {
        await client.TerminateAsync(iccid, ct);
        return null;
    }

    public async Task<decimal> GetResellerBalanceAsync(CancellationToken ct) => (await client.GetWalletBalanceAsync(ct)).BalanceUsd;

    public ProviderWebhookEvent? ParseWebhook(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, string? signingSecret)
    {
        var signature = headers.FirstOrDefault(h => h.Key.Equals(CitrusWebhook.SignatureHeader, StringComparison.OrdinalIgnoreCase)).Value;
        if (signingSecret is null || !CitrusWebhook.IsSignatureValid(signature, body, signingSecret)) return null;
        var e = CitrusWebhook.Parse(body);
        var kind = e.Event switch
        {
            CitrusEvents.EsimActivated => ProviderEventKind.Activated,
            CitrusEvents.EsimBalanceLow => ProviderEventKind.BalanceLow,
            CitrusEvents.EsimBalanceDepleted => ProviderEventKind.Depleted,
            CitrusEvents.BalanceLow or CitrusEvents.BalanceDepleted => ProviderEventKind.ResellerBalanceLow,
            CitrusEvents.WebhookTest => ProviderEventKind.Test,
            _ => ProviderEventKind.Other,
        };
        return new ProviderWebhookEvent(e.Id, kind, e.Event, e.Data.Iccid, e.Data.WalletBalanceUsd, e.Data.BalanceUsd,
            e.Data.ActivatedAt ?? e.CreatedAt);
    }

    /// <summary>Registers a webhook; store the returned signing secret, Citrus shows it only once.</summary>
    public Task<CitrusWebhookRegistration> RegisterWebhookAsync(string url, IReadOnlyList<string> events, CancellationToken ct) =>
        client.RegisterWebhookAsync(url, events, ct);

    public async Task<WebhookRegistration> RegisterWebhookAsync(Uri url, CancellationToken ct)
    {
        var registration = await client.RegisterWebhookAsync(url.ToString(),
            [CitrusEvents.EsimActivated, CitrusEvents.EsimBalanceLow, CitrusEvents.EsimBalanceDepleted, CitrusEvents.BalanceLow, CitrusEvents.BalanceDepleted],
            ct);
        return new WebhookRegistration(registration.Id, registration.SigningSecret);
    }

    public Task DeleteWebhookAsync(string id, CancellationToken ct) => client.DeleteWebhookAsync(id, ct);

    internal static EsimState ToState(CitrusEsim esim) => esim.Status switch
    {
        CitrusEsimStatus.Pending => EsimState.NotInstalled,
        CitrusEsimStatus.Active when esim.WalletBalanceUsd == 0m => EsimState.Depleted,
        CitrusEsimStatus.Active => EsimState.Active,
        CitrusEsimStatus.Suspended => EsimState.Suspended,
        CitrusEsimStatus.Terminated => EsimState.Terminated,
        _ => EsimState.Unknown,
    };

    private static UpstreamEsim ToUpstream(CitrusEsim esim) =>
        new(esim.Iccid, esim.LpaString ?? "", esim.Id, esim.QrCode, esim.EndUserReference);

}
