using Microsoft.Extensions.Options;
using Storefront.Features.Catalog;
using Storefront.Infrastructure;

namespace Storefront.Tests.Catalog;

public sealed class PricingCalculatorTests
{
    private static PricingCalculator Calculator(Action<PricingOptions>? configure = null)
    {
        var options = new PricingOptions();
        configure?.Invoke(options);
        return new PricingCalculator(Options.Create(options));
    }

    [Fact]
    public void Wallet_plan_is_marked_up_and_rounded_to_99_and_funds_the_data_plus_the_buffer()
    {
        // Japan at $1.38/GB: 5 GB cost $6.90 of data; ×1.4 = $9.66 → $9.99; fund $6.90 × 1.10 = $7.59.
        var price = Calculator().PriceWalletPlan(5, 1.38m);

        Assert.Equal(9.99m, price.Retail);
        Assert.Equal(7.59m, price.FundAmountUsd);
        Assert.Equal(7.59m + 1.75m, price.UpstreamCostUsd);
    }

    [Fact]
    public void Small_plan_is_never_sold_below_its_cost_including_the_provision_and_card_fees()
    {
        // 1 GB at $1.38: marked up $1.93, but fund $1.52 + $1.75 fee + card fee needs at least $3.68.
        var price = Calculator().PriceWalletPlan(1, 1.38m);

        var cardFee = price.Retail * 0.029m + 0.30m;
        Assert.True(price.Retail - cardFee >= price.UpstreamCostUsd, $"{price.Retail} leaves {price.Retail - cardFee} for a cost of {price.UpstreamCostUsd}");
        Assert.Equal(3.99m, price.Retail);
    }

    [Theory]
    [InlineData("ninety-nine", 9.66, 9.99)]
    [InlineData("ninety-nine", 10.00, 10.99)]
    [InlineData("ninety-nine", 9.99, 9.99)]
    [InlineData("half", 9.66, 10.00)]
    [InlineData("half", 9.20, 9.50)]
    [InlineData("cent", 9.661, 9.67)]
    public void Rounding_rules_round_up(string rule, decimal input, decimal expected) =>
        Assert.Equal(expected, Calculator(o => o.Rounding = rule).Round(input));

    [Fact]
    public void Markup_is_configurable()
    {
        // 10 GB at $1.90 × 2 = $38.00, which rounds up to $38.99 (never down to $37.99).
        var price = Calculator(o => o.Markup = 2m).PriceWalletPlan(10, 1.9m);
        Assert.Equal(38.99m, price.Retail);
    }

    [Fact]
    public void Package_is_priced_from_its_cost_and_never_below_a_recommended_retail_price()
    {
        Assert.Equal(4.99m, Calculator().PricePackage(3.50m, null).Retail);
        Assert.Equal(7.99m, Calculator().PricePackage(3.50m, 7.50m).Retail);
    }
}
