using Microsoft.Extensions.Options;
using Storefront.Infrastructure;

namespace Storefront.Features.Catalog;

/// <summary>A retail price with what it costs the reseller: upstream cost plus the card fee on that price.</summary>
public sealed record PlanPrice(decimal Retail, decimal UpstreamCostUsd, decimal? FundAmountUsd);

/// <summary>
/// Turns upstream costs into retail prices: cost × markup, rounded by the configured rule, and never below what the
/// plan costs the reseller (upstream cost, plus the card fee on the price itself) nor below an upstream recommended price.
/// </summary>
public sealed class PricingCalculator(IOptions<PricingOptions> options)
{
    public const string Currency = "USD";
    private PricingOptions O => options.Value;

    /// <summary>A wallet plan: <paramref name="dataGb"/> GB at the country's cheapest network rate.</summary>
    public PlanPrice PriceWalletPlan(decimal dataGb, decimal cheapestPerGbUsd)
    {
        var dataCost = dataGb * cheapestPerGbUsd;
        var fund = CeilingTo(dataCost * (1 + O.FundBufferPercent / 100m), 0.01m);
        var upstreamCost = fund + O.WalletProvisionFeeUsd;
        return new PlanPrice(Retail(dataCost * O.Markup, upstreamCost, recommended: null), upstreamCost, fund);
    }

    /// <summary>More credit on an existing wallet: like a plan, but no new eSIM to pay for upstream.</summary>
    public PlanPrice PriceWalletTopUp(decimal dataGb, decimal cheapestPerGbUsd)
    {
        var dataCost = dataGb * cheapestPerGbUsd;
        var fund = CeilingTo(dataCost * (1 + O.FundBufferPercent / 100m), 0.01m);
        return new PlanPrice(Retail(dataCost * O.Markup, fund, recommended: null), fund, fund);
    }

    /// <summary>A package bought upstream at <paramref name="costUsd"/>.</summary>
    public PlanPrice PricePackage(decimal costUsd, decimal? recommendedRetailUsd) =>
        new(Retail(costUsd * O.Markup, costUsd, recommendedRetailUsd), costUsd, null);

    private decimal Retail(decimal marked, decimal upstreamCost, decimal? recommended)
    {
        // The lowest price at which the card fee on the price itself still leaves the upstream cost covered.
        var breakEven = (upstreamCost + O.PaymentFeeFixed) / (1 - O.PaymentFeePercent / 100m);
        var candidate = Math.Max(marked, Math.Max(breakEven, recommended ?? 0m));
        return Round(candidate);
    }

    /// <summary>Rounds up, so rounding never takes a price under its floor.</summary>
    public decimal Round(decimal price) => O.Rounding switch
    {
        "half" => CeilingTo(price, 0.5m),
        "cent" => CeilingTo(price, 0.01m),
        _ => NinetyNine(price),
    };

    private static decimal NinetyNine(decimal price)
    {
        var candidate = Math.Ceiling(price) - 0.01m;
        return candidate >= price ? candidate : candidate + 1m;
    }

    private static decimal CeilingTo(decimal value, decimal step) => Math.Ceiling(value / step) * step;
}
