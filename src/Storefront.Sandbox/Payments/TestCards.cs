using System.Globalization;

namespace Storefront.Sandbox.Payments;

internal sealed record CardEntry(string Number, int ExpiryMonth, int ExpiryYear, string Cvc, string? Name)
{
    public string Last4 => Number[^4..];

    public string Brand => Number switch
    {
        ['4', ..] => "visa",
        ['3', '4' or '7', ..] => "amex",
        ['5', '1' or '2' or '3' or '4' or '5', ..] or ['2', '2' or '3' or '4' or '5' or '6' or '7', ..] => "mastercard",
        ['6', '0', '1', '1', ..] or ['6', '5', ..] => "discover",
        _ => "unknown",
    };
}

internal enum CardBehaviour { Succeeds, GenericDecline, InsufficientFunds, RequiresAuthentication }

/// <param name="Field">The form field to point the customer at: card-number, card-expiry, card-cvc or email.</param>
internal sealed record CardValidationError(string Field, string Message);

/// <summary>Stripe's test cards (https://stripe.com/docs/testing) and the hosted form's validation messages.</summary>
internal static class TestCards
{
    public static CardBehaviour Behaviour(CardEntry card) => card.Number switch
    {
        "4000000000000002" => CardBehaviour.GenericDecline,
        "4000000000009995" => CardBehaviour.InsufficientFunds,
        "4000002500003155" or "4000000000003220" => CardBehaviour.RequiresAuthentication,
        _ => CardBehaviour.Succeeds,
    };

    public static (string Code, string DeclineCode, string Message) Decline(CardBehaviour behaviour) => behaviour switch
    {
        CardBehaviour.InsufficientFunds => ("card_declined", "insufficient_funds", "Your card has insufficient funds."),
        _ => ("card_declined", "generic_decline", "Your card was declined."),
    };

    public const string AuthenticationFailedMessage =
        "We are unable to authenticate your payment method. Please choose a different payment method and try again.";

    /// <summary>Expiry as "MM / YY", "MM/YY" or "MM/YYYY".</summary>
    public static (CardEntry? Card, CardValidationError? Error) Read(string? number, string? expiry, string? cvc, string? name, DateTimeOffset now)
    {
        var digits = new string((number ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (digits.Length == 0)
            return (null, new("card-number", "Your card number is incomplete."));
        if (!digits.All(char.IsAsciiDigit) || digits.Length is < 12 or > 19 || !PassesLuhn(digits))
            return (null, new("card-number", "Your card number is invalid."));

        var parts = (expiry ?? "").Replace(" ", "").Split('/');
        if (parts.Length != 2 || parts[0].Length is 0 or > 2 || parts[1].Length is not (2 or 4)
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            return (null, new("card-expiry", "Your card's expiration date is incomplete."));
        if (month is < 1 or > 12)
            return (null, new("card-expiry", "Your card's expiration date is invalid."));
        if (year < 100)
            year += 2000;
        if (year < now.Year || (year == now.Year && month < now.Month))
            return (null, new("card-expiry", "Your card's expiration date is in the past."));

        var code = (cvc ?? "").Trim();
        if (code.Length is < 3 or > 4 || !code.All(char.IsAsciiDigit))
            return (null, new("card-cvc", "Your card's security code is incomplete."));

        return (new CardEntry(digits, month, year, code, string.IsNullOrWhiteSpace(name) ? null : name.Trim()), null);
    }

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
