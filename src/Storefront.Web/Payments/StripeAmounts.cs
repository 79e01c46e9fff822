namespace Storefront.Payments;

/// <summary>
/// Converts the store's decimal money to Stripe's integer amounts in the currency's minor unit and back.
/// Zero-decimal currencies are sent as whole units (JPY 500 is 500, not 50000).
/// </summary>
public static class StripeAmounts
{
    /// <summary>Stripe's list of zero-decimal currencies (https://stripe.com/docs/currencies).</summary>
    private static readonly HashSet<string> ZeroDecimalCurrencies = new(StringComparer.OrdinalIgnoreCase)
    {
        "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
    };

    public static bool IsZeroDecimal(string currency) => ZeroDecimalCurrencies.Contains(currency);

    /// <summary>
    /// Throws when the amount has more precision than the currency's minor unit: rounding money silently here would
    /// charge a different amount than the order shows.
    /// </summary>
    public static long ToMinorUnits(decimal amount, string currency)
    {
        var minor = amount * Factor(currency);
        if (minor != decimal.Truncate(minor))
            throw new ArgumentException($"{amount} {currency.ToUpperInvariant()} has more decimals than the currency allows.", nameof(amount));
        return decimal.ToInt64(minor);
    }

    public static decimal FromMinorUnits(long amount, string currency) => amount / (decimal)Factor(currency);

    private static int Factor(string currency) => IsZeroDecimal(currency) ? 1 : 100;
}
