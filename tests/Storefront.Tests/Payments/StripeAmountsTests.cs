using Storefront.Payments;

namespace Storefront.Tests.Payments;

public class StripeAmountsTests
{
    [Theory]
    [InlineData("12.34", "eur", 1234)]
    [InlineData("12.34", "EUR", 1234)]
    [InlineData("0.5", "usd", 50)]
    [InlineData("500", "jpy", 500)]
    [InlineData("12000", "krw", 12000)]
    public void Decimal_money_becomes_minor_units(string amount, string currency, long expected) =>
        Assert.Equal(expected, StripeAmounts.ToMinorUnits(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency));

    [Theory]
    [InlineData(1234, "gbp", "12.34")]
    [InlineData(500, "jpy", "500")]
    public void Minor_units_become_decimal_money(long minor, string currency, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), StripeAmounts.FromMinorUnits(minor, currency));

    [Theory]
    [InlineData("12.345", "eur")]
    [InlineData("500.5", "jpy")]
    public void Amounts_finer_than_the_minor_unit_are_refused(string amount, string currency) =>
        Assert.Throws<ArgumentException>(() => StripeAmounts.ToMinorUnits(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency));
}
