using System.Globalization;
using System.Text.RegularExpressions;

namespace Storefront.Providers.Esimfly;

/// <summary>
/// The catalogue names countries ("United States"), not codes, although the docs promise ISO alpha-2
/// (docs/providers/esimfly.md §1.1, §1.5.2). Codes come from, in order: a <c>countries</c> list of codes (newer
/// answers), the flag file of each location (<c>/images/flags/us.png</c>), then the English name.
/// </summary>
public static partial class EsimflyCountries
{
    private static readonly Lazy<Dictionary<string, string>> ByName = new(BuildNames);

    /// <summary>Names the platform spells differently from eSIMfly-style catalogues.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USA"] = "US", ["United States of America"] = "US", ["UK"] = "GB", ["Great Britain"] = "GB", ["England"] = "GB",
        ["Turkey"] = "TR", ["Türkiye"] = "TR", ["Turkiye"] = "TR", ["South Korea"] = "KR", ["Korea"] = "KR",
        ["UAE"] = "AE", ["Russia"] = "RU", ["Vietnam"] = "VN", ["Czech Republic"] = "CZ", ["Czechia"] = "CZ",
        ["Hong Kong"] = "HK", ["Macau"] = "MO", ["Macao"] = "MO", ["Taiwan"] = "TW", ["Ivory Coast"] = "CI",
        ["Cote d'Ivoire"] = "CI", ["Congo (DRC)"] = "CD", ["Democratic Republic of the Congo"] = "CD", ["Laos"] = "LA",
        ["Bosnia"] = "BA", ["North Macedonia"] = "MK", ["Palestine"] = "PS", ["Kosovo"] = "XK", ["Curacao"] = "CW",
    };

    /// <summary>(ISO2, name) of every country a package covers, upper-case codes, no duplicates.</summary>
    public static IReadOnlyList<(string Iso2, string Name)> Of(EsimflyPackage package)
    {
        var found = new List<(string Iso2, string Name)>();
        void Add(string? iso2, string? name)
        {
            if (iso2 is not { Length: 2 } || found.Any(f => f.Iso2 == iso2.ToUpperInvariant())) return;
            var code = iso2.ToUpperInvariant();
            found.Add((code, string.IsNullOrWhiteSpace(name) ? NameOf(code) : name.Trim()));
        }

        foreach (var code in package.Countries ?? []) Add(code, null);
        foreach (var location in package.LocationNetworkList ?? [])
            Add(FromFlag(location.LocationLogo) ?? FromName(location.LocationName), location.LocationName);
        if (found.Count == 0 && package.Type == EsimflyPackageTypes.Local) Add(FromName(package.Region), package.Region);
        return found;
    }

    public static string? FromFlag(string? flagUrl) =>
        flagUrl is not null && FlagFile().Match(flagUrl) is { Success: true } m ? m.Groups[1].Value.ToUpperInvariant() : null;

    public static string? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var key = name.Trim();
        return Aliases.TryGetValue(key, out var alias) ? alias : ByName.Value.GetValueOrDefault(key);
    }

    private static string NameOf(string iso2)
    {
        try { return new RegionInfo(iso2).EnglishName; }
        catch (ArgumentException) { return iso2; }
    }

    private static Dictionary<string, string> BuildNames()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try { region = new RegionInfo(culture.Name); }
            catch (ArgumentException) { continue; }
            if (region.TwoLetterISORegionName.Length != 2 || !char.IsLetter(region.TwoLetterISORegionName[0])) continue;
            names.TryAdd(region.EnglishName, region.TwoLetterISORegionName);
        }
        return names;
    }

    [GeneratedRegex(@"/([A-Za-z]{2})\.(?:png|svg|jpe?g|webp)$")]
    private static partial Regex FlagFile();
}
