using Microsoft.Extensions.Caching.Memory;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Features.Install;
using Storefront.Providers;

namespace Storefront.Features.Orders;

public sealed record PackageLine(string Name, PackageKind Kind, DateTimeOffset At);

/// <summary>What the customer sees of an order, on the success page and the order page.</summary>
public sealed class OrderViewBuilder(StorefrontDbContext db, RenderedInstalls installs, IEsimProvider provider, IMemoryCache cache)
{
    public async Task<OrderViewModel?> BuildAsync(string token, CancellationToken ct) =>
        await OrderPageQueries.ByToken(db, token, ct) is { } order ? await BuildAsync(order, ct) : null;

    /// <summary>From an order loaded with its eSIMs and their packages.</summary>
    public async Task<OrderViewModel> BuildAsync(Order order, CancellationToken ct)
    {
        // Only a wallet's balance is shown in GB, at the destination's rate (which changes with the hourly catalogue sync).
        var perGb = order.Plan.CountryIso2 is { } iso2 && order.Esims.Any(e => e.WalletBalanceUsd is not null)
            ? await cache.GetOrCreateAsync($"per-gb:{iso2}", entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
                return OrderPageQueries.CheapestPerGbUsd(db, iso2, ct);
            })
            : null;

        // An order in "needs attention" only because its email failed still shows what the email would have.
        var ready = order.Status is OrderStatus.Provisioned or OrderStatus.Delivered
                    || (order.Status == OrderStatus.NeedsAttention && order.IsProvisionedUpstream);
        var esims = order.Esims.Select((e, i) => Esim(order, e, i + 1, ready, perGb)).ToList();
        var original = order is { Kind: OrderKind.TopUp, TopUpEsimId: { } esimId } ? await OrderPageQueries.OriginalOf(db, esimId, ct) : null;
        var (label, tone, explanation) = order.Status switch
        {
            OrderStatus.AwaitingPayment => ("Waiting for payment", Tone.Neutral, "We have not received your payment yet. If you have just paid, this page updates by itself."),
            OrderStatus.Abandoned => ("Not paid", Tone.Neutral, "This checkout was not completed, and nothing was charged."),
            OrderStatus.Paid => ("Preparing your eSIM", Tone.Neutral, "Payment received. Your eSIM is being prepared; this usually takes a few seconds."),
            OrderStatus.NeedsAttention when ready => ("Ready", Tone.Ok, "Your eSIM is ready: install it from this page. We could not email it to you; our team has been told."),
            OrderStatus.NeedsAttention => ("Taking longer than usual", Tone.Warn, "Your payment went through, but preparing your eSIM is taking longer than usual. Our team is on it and will email you; if we cannot deliver it, we refund you in full."),
            OrderStatus.Refunded => ("Refunded", Tone.Neutral, "This order was refunded."),
            _ when order.Kind == OrderKind.TopUp => ("Top-up added", Tone.Ok, "The data has been added to your eSIM: there is nothing to install."),
            _ when esims.Count == 1 => (esims[0].StatusLabel, esims[0].StatusTone, null),
            _ => ("Ready", Tone.Ok, null),
        };
        return new OrderViewModel(order.AccessToken, order.Number, order.Plan.Name, order.Plan.CountryIso2, order.CustomerEmail, label, tone,
            ready, order.Status is OrderStatus.AwaitingPayment or OrderStatus.Paid, explanation,
            new Money(order.AmountPaid ?? order.Plan.Price, order.Plan.Currency), order.CreatedAt, esims,
            order.Kind == OrderKind.TopUp, original?.AccessToken, original?.Number);
    }

    private EsimViewModel Esim(Order order, Esim esim, int position, bool ready, decimal? perGb)
    {
        var fraction = esim.RemainingShare;
        var (label, tone) = esim.State switch
        {
            _ when !ready => ("Preparing", Tone.Neutral),
            EsimState.Depleted => ("Used up", Tone.Bad),
            EsimState.Expired => ("Expired", Tone.Bad),
            EsimState.Terminated => ("Ended", Tone.Bad),
            EsimState.Suspended => ("Paused", Tone.Warn),
            EsimState.Active when fraction is 0 => ("Used up", Tone.Bad),
            EsimState.Active when esim.IsRunningLow => ("Running low", Tone.Warn),
            EsimState.Active => ("Active", Tone.Ok),
            _ => ("Ready to install", Tone.Ok),
        };
        return new EsimViewModel(position, Tail(esim.Iccid), label, tone, esim.WalletBalanceUsd, esim.FundedUsd,
            esim.WalletBalanceUsd is { } balance && perGb is > 0 ? decimal.Round(balance / perGb.Value, 1) : null,
            esim.DataRemainingMb, esim.DataTotalMb, fraction, esim.ReadAt, esim.ExpiresAt,
            ready ? installs.For(esim.ActivationCodeProtected) : null,
            ready && Features.TopUps.TopUpCatalog.CanTopUp(order, esim, provider),
            esim.Packages.OrderBy(p => p.AttachedAt).Select(p => new PackageLine(p.Name, p.Kind, p.AttachedAt)).ToList());
    }

    private static string Tail(string? iccid) => iccid is { Length: > 4 } ? iccid[^4..] : "";
}
