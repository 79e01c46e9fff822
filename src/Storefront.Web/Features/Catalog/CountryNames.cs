using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace Storefront.Features.Catalog;

public static class CountryNames
{
    /// <summary>English name of an ISO 3166-1 alpha-2 code, or the code itself when the platform does not know it.</summary>
    public static string Of(string iso2)
    {
        try { return new RegionInfo(iso2).EnglishName; }
        catch (ArgumentException) { return iso2.ToUpperInvariant(); }
    }

    /// <summary>A country's flag (flag-icons SVG). Decorative: the country's name always stands beside it.</summary>
    public static IHtmlContent Flag(string iso2, string css = "") =>
        iso2.Length == 2 && iso2.All(char.IsAsciiLetter)
            ? new HtmlString($"<span class=\"flag {css}\" style=\"background-image:url('/lib/flag-icons/{iso2.ToLowerInvariant()}.svg')\" aria-hidden=\"true\"></span>")
            : HtmlString.Empty;

    /// <summary>The flag emoji for a country code (two regional indicator symbols).</summary>
    public static string FlagEmoji(string iso2) => iso2.Length != 2
        ? ""
        : string.Concat(iso2.ToUpperInvariant().Select(c => char.ConvertFromUtf32(0x1F1E6 + c - 'A')));
}
