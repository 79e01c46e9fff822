using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Features.Catalog;
using Storefront.Infrastructure;
using Storefront.Providers;

namespace Storefront.Features.Admin.Orders;

/// <summary>
/// What the order earned, in USD (the currency the store sells and buys in). The card fee is Stripe's configured rate
/// (Pricing:PaymentFeePercent and PaymentFeeFixed) applied to what was paid, and Stripe keeps it on a refund; the store
/// does not read Stripe's actual fee back. The upstream cost counts once it was spent (the eSIM or top-up exists
/// upstream). Margin is null until the order is paid, or when it was sold in another currency than costs are counted in.
/// </summary>
public sealed record OrderMoney(decimal Price, decimal? Paid, decimal? Funded, decimal PackageCost, decimal UpstreamFee, decimal? CardFee,
    bool UpstreamSpent, decimal? Margin)
{
    public static OrderMoney Of(Order order, PricingOptions pricing)
    {
        var plan = order.Plan;
        // Wallet plans: the upstream cost is the funding plus the per-eSIM fee; package plans: one price, fees included.
        var fee = plan.FundAmountUsd is { } funded ? plan.CostUsd - funded : 0m;
        var spent = order.Status is OrderStatus.Provisioned or OrderStatus.Delivered || order.IsProvisionedUpstream;
        decimal? cardFee = order.AmountPaid is { } amount ? Math.Round(amount * pricing.PaymentFeePercent / 100m + pricing.PaymentFeeFixed, 2) : null;
        decimal? margin = order.AmountPaid is { } paid && cardFee is { } card && plan.Currency == PricingCalculator.Currency
            ? (order.Status == OrderStatus.Refunded ? 0m : paid) - (spent ? plan.CostUsd : 0m) - card
            : null;
        return new OrderMoney(plan.Price, order.AmountPaid, plan.FundAmountUsd, plan.CostUsd - fee, fee, cardFee, spent, margin);
    }
}

public sealed record EsimLine(
    string? Iccid, EsimState State, ProvisionStep Step, decimal? WalletBalanceUsd, decimal? FundedUsd, long? DataRemainingMb,
    long? DataTotalMb, DateTimeOffset? ReadAt, DateTimeOffset? ActivatedAt, DateTimeOffset? ExpiresAt, IReadOnlyList<EsimPackage> Packages);

public sealed record TimelineLine(DateTimeOffset At, string Kind, string Message);

public sealed record WorkLine(string Kind, WorkItemStatus Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, DateTimeOffset NextRunAt);

public sealed record OrderDetailsViewModel(
    Order Order, OrderMoney Money, IReadOnlyList<EsimLine> Esims, IReadOnlyList<TimelineLine> Timeline, IReadOnlyList<WorkLine> Work,
    string? TopUpOfOrder, IReadOnlyList<string> TopUps, PricingOptions Pricing, bool CanSeeJobs);

/// <summary>Reads everything the order page shows, for its own GET and for the actions that show it again with an error.</summary>
public sealed class OrderDetailsReader(StorefrontDbContext db, IOptions<PricingOptions> pricing)
{
    public async Task<OrderDetailsViewModel?> ReadAsync(string number, bool canSeeJobs, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().AsSplitQuery()
            .Include(o => o.Esims).ThenInclude(e => e.Packages)
            .Include(o => o.Events)
            .SingleOrDefaultAsync(o => o.Number == number.ToUpperInvariant(), ct);
        if (order is null) return null;

        var esims = order.Esims.OrderBy(e => e.CreatedAt).Select(e => new EsimLine(e.Iccid, e.State, e.Step, e.WalletBalanceUsd, e.FundedUsd,
            e.DataRemainingMb, e.DataTotalMb, e.ReadAt, e.ActivatedAt, e.ExpiresAt, e.Packages.OrderBy(p => p.AttachedAt).ToList())).ToList();
        var timeline = order.Events.OrderBy(e => e.At).Select(e => new TimelineLine(e.At, e.Kind, e.Message)).ToList();
        var work = (await db.WorkItems.AsNoTracking().Where(w => w.OrderId == order.Id)
                .Select(w => new WorkLine(w.Kind, w.Status, w.Attempts, w.CreatedAt, w.CompletedAt, w.NextRunAt)).ToListAsync(ct))
            .OrderBy(w => w.CreatedAt).ToList();
        var topUpOf = order.TopUpEsimId is { } esimId
            ? await db.Esims.Where(e => e.Id == esimId).Join(db.Orders, e => e.OrderId, o => o.Id, (_, o) => o.Number).SingleOrDefaultAsync(ct)
            : null;
        var esimIds = order.Esims.Select(e => (Guid?)e.Id).ToList();
        var topUps = esimIds.Count == 0 ? [] : await db.Orders.Where(o => esimIds.Contains(o.TopUpEsimId))
            .OrderBy(o => o.CreatedAt).Select(o => o.Number).ToListAsync(ct);

        return new OrderDetailsViewModel(order, OrderMoney.Of(order, pricing.Value), esims, timeline, work, topUpOf, topUps, pricing.Value, canSeeJobs);
    }
}

/// <summary>/admin/orders/{number}: everything about one order on one page. Never activation codes or order tokens.</summary>
public sealed class OrderDetailsController(OrderDetailsReader reader) : AdminController
{
    public static string PathOf(string number) => $"/admin/orders/{Uri.EscapeDataString(number)}";

    [HttpGet("/admin/orders/{number}")]
    public async Task<IActionResult> Show(string number, CancellationToken ct) =>
        await reader.ReadAsync(number, User.IsInRole(StaffRoles.Admin), ct) is { } model ? View("OrderDetails", model) : NotFound();
}
