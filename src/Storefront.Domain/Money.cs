namespace Storefront.Domain;

/// <summary>An amount of money in one currency (ISO 4217, upper case). Never a floating-point type.</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public static Money Usd(decimal amount) => new(amount, "USD");

    public override string ToString() => Format(Amount, Currency);

    public static string Format(decimal amount, string currency) => currency switch
    {
        "USD" => amount.ToString("$#,##0.00", System.Globalization.CultureInfo.InvariantCulture),
        "EUR" => amount.ToString("€#,##0.00", System.Globalization.CultureInfo.InvariantCulture),
        "GBP" => amount.ToString("£#,##0.00", System.Globalization.CultureInfo.InvariantCulture),
        _ => amount.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture) + " " + currency,
    };
}
