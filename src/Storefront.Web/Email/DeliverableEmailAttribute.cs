using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Storefront.Email;

/// <summary>
/// An address the store can deliver to: one that MimeKit parses as a bare address (what the mailer sends to) and that
/// Stripe takes as the Checkout Session's <c>customer_email</c>. Stricter than RFC 5322 on purpose: an address accepted
/// here and refused later ends as a paid order nobody can email, or a checkout that fails after the order is saved.
/// The value is checked as the store uses it, trimmed.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DeliverableEmailAttribute : ValidationAttribute
{
    public const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;
    private const int MaxLabelLength = 63;
    private const string LocalPartSymbols = "!#$%&'*+-/=?^_`{|}~";

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string text || Problem(text.Trim()) is not { } problem
            ? ValidationResult.Success
            : new ValidationResult(problem, validationContext.MemberName is { } member ? [member] : null);

    /// <summary>Why the address cannot be delivered to, in words for the customer; null when it can.</summary>
    public static string? Problem(string address)
    {
        if (address.Length > MaxLength) return "That email address is too long.";
        if (address.Any(char.IsWhiteSpace)) return "An email address cannot contain spaces.";
        if (!address.All(char.IsAscii))
            return "Use an address with only Latin letters, digits and . _ - +: we cannot deliver to accented or non-Latin addresses.";

        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1) return Invalid;
        var (local, domain) = (address[..at], address[(at + 1)..]);
        if (local.Length > MaxLocalPartLength) return "The part before the @ is too long.";
        if (!IsDotAtom(local, c => char.IsAsciiLetterOrDigit(c) || LocalPartSymbols.Contains(c))) return Invalid;
        if (!IsHostName(domain)) return Invalid;

        // MimeKit is what the mailer hands the address to: it must read it back as a bare address with this local part
        // (it shows a punycode domain decoded, so the domain is not compared).
        return MailboxAddress.TryParse(address, out var mailbox) && string.IsNullOrEmpty(mailbox.Name) && mailbox.LocalPart == local ? null : Invalid;
    }

    private const string Invalid = "Enter a valid email address, like name@example.com.";

    /// <summary>Dot-separated runs of allowed characters: no leading, trailing or consecutive dots.</summary>
    private static bool IsDotAtom(string text, Func<char, bool> allowed) =>
        text.Split('.').All(part => part.Length > 0 && part.All(allowed));

    /// <summary>At least two labels of letters, digits and inner hyphens, ending in a top-level domain that starts with a
    /// letter (so <c>name@localhost</c> and <c>name@10.0.0.1</c> are refused).</summary>
    private static bool IsHostName(string domain)
    {
        var labels = domain.Split('.');
        return labels.Length >= 2
               && labels.All(l => l.Length is > 0 and <= MaxLabelLength && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && l[0] != '-' && l[^1] != '-')
               && labels[^1].Length >= 2 && char.IsAsciiLetter(labels[^1][0]);
    }
}
