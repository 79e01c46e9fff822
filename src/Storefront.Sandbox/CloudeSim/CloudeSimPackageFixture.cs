using Storefront.Providers;
using Storefront.Providers.CloudeSim;
using Storefront.Domain;

namespace Storefront.Sandbox.CloudeSim;

/// <summary>
/// The simulator's package list, in the seed's <c>packageList</c> shape. ESIM_1GB_7D_US at $3.50 is the seed's example;
/// the other packages and prices are plausible sandbox values, not CloudeSIM's. Regional and global packages list
/// their countries in <c>location</c>, and TOPUP packages what they fit in <c>compatibleWith</c> (location or package
/// codes), both assumptions (docs/providers/cloudesim.md §5.2).
/// </summary>
internal static class CloudeSimPackageFixture
{
    public static readonly IReadOnlyList<string> Europe =
    [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
        "PL", "PT", "RO", "SK", "SI", "ES", "SE", "NO", "IS", "LI", "GB", "CH",
    ];

    public static readonly IReadOnlyList<string> Asia = ["JP", "KR", "TH", "SG", "MY", "ID", "VN", "PH", "HK", "TW"];

    public static readonly IReadOnlyList<string> Global =
    [
        "US", "CA", "MX", "BR", "AR", "CL", "CO", "PE", "GB", "FR", "DE", "ES", "IT", "PT", "NL", "BE", "CH", "AT", "IE", "SE",
        "NO", "DK", "FI", "PL", "CZ", "GR", "TR", "AE", "SA", "EG", "ZA", "MA", "JP", "KR", "CN", "HK", "TW", "TH", "SG", "MY",
        "ID", "VN", "PH", "IN", "AU", "NZ",
    ];

    public static readonly IReadOnlyList<SimPackage> Packages =
    [
        Local("US", "USA", 1, 7, 3.50m), Local("US", "USA", 3, 15, 8.00m), Local("US", "USA", 5, 30, 12.50m), Local("US", "USA", 10, 30, 21.00m),
        Local("JP", "Japan", 1, 7, 4.20m), Local("JP", "Japan", 3, 15, 9.50m), Local("JP", "Japan", 5, 30, 14.00m),
        Local("GB", "United Kingdom", 1, 7, 3.20m), Local("GB", "United Kingdom", 5, 30, 11.00m),
        Local("FR", "France", 1, 7, 3.00m), Local("FR", "France", 5, 30, 10.50m),
        Local("DE", "Germany", 1, 7, 3.20m), Local("DE", "Germany", 5, 30, 11.00m),
        Local("ES", "Spain", 1, 7, 2.90m), Local("ES", "Spain", 5, 30, 10.00m),
        Local("IT", "Italy", 1, 7, 3.00m), Local("IT", "Italy", 5, 30, 10.50m),
        Local("TH", "Thailand", 1, 7, 2.50m), Local("TH", "Thailand", 5, 15, 8.00m),
        Local("SG", "Singapore", 1, 7, 2.80m), Local("SG", "Singapore", 3, 15, 6.50m),
        Local("KR", "South Korea", 1, 7, 4.00m), Local("KR", "South Korea", 3, 15, 9.00m),
        Local("AU", "Australia", 1, 7, 4.50m), Local("AU", "Australia", 5, 30, 15.00m),
        Local("CA", "Canada", 1, 7, 5.00m), Local("CA", "Canada", 3, 15, 12.00m),
        Local("MX", "Mexico", 1, 7, 4.80m),
        Local("TR", "Turkey", 1, 7, 3.90m), Local("TR", "Turkey", 3, 15, 9.00m),
        Local("AE", "United Arab Emirates", 1, 7, 6.50m),
        Local("BR", "Brazil", 3, 15, 10.50m),
        Region("EU", "Europe", Europe, 3, 15, 9.90m), Region("EU", "Europe", Europe, 10, 30, 24.00m),
        Region("ASIA", "Asia", Asia, 5, 30, 18.00m),
        Region("GLOBAL", "Global", Global, 1, 7, 9.00m), Region("GLOBAL", "Global", Global, 5, 30, 35.00m),

        TopUp("US", "USA", 1, 7, 3.00m, ["US"]),
        TopUp("US", "USA", 3, 15, 7.50m, ["US"]),
        TopUp("JP", "Japan", 1, 7, 3.80m, ["JP"]),
        TopUp("TH", "Thailand", 5, 30, 7.50m, ["ESIM_5GB_15D_TH"]),
        TopUp("EU", "Europe", 2, 15, 6.50m, ["EU"], Europe),
        TopUp("GLOBAL", "Global", 1, 7, 8.00m, ["GLOBAL"], Global),
    ];

    public static SimPackage? Find(string code) =>
        Packages.FirstOrDefault(p => string.Equals(p.PackageCode, code, StringComparison.OrdinalIgnoreCase));

    private static SimPackage Local(string iso2, string name, int gb, int days, decimal price) =>
        new($"ESIM_{gb}GB_{days}D_{iso2}", $"{name} {gb}GB {days} Days", price, days, gb * 1024, iso2, CloudeSimPackageTypes.Base, [iso2], null);

    private static SimPackage Region(string code, string name, IReadOnlyList<string> countries, int gb, int days, decimal price) =>
        new($"ESIM_{gb}GB_{days}D_{code}", $"{name} {gb}GB {days} Days", price, days, gb * 1024, code, CloudeSimPackageTypes.Base, countries, null);

    private static SimPackage TopUp(string code, string name, int gb, int days, decimal price, IReadOnlyList<string> compatibleWith,
        IReadOnlyList<string>? countries = null) =>
        new($"TOPUP_{gb}GB_{days}D_{code}", $"{name} Top-up {gb}GB {days} Days", price, days, gb * 1024, code, CloudeSimPackageTypes.TopUp,
            countries ?? [code], compatibleWith);
}

internal sealed record SimPackage(
    string PackageCode,
    string Name,
    decimal Price,
    int DurationDays,
    long VolumeMb,
    string LocationCode,
    string Type,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string>? CompatibleWith)
{
    /// <summary>A TOPUP fits an eSIM whose package code, or whose package's location code, it lists.</summary>
    public bool Fits(SimPackage basePackage) => Type == CloudeSimPackageTypes.TopUp && CompatibleWith is { } list
        && list.Any(c => string.Equals(c, basePackage.PackageCode, StringComparison.OrdinalIgnoreCase)
                         || string.Equals(c, basePackage.LocationCode, StringComparison.OrdinalIgnoreCase));
}
