using Storefront.Providers;
using Storefront.Providers.Esimfly;
using Storefront.Domain;

namespace Storefront.Sandbox.Esimfly;

/// <summary>A country with the networks the catalogue lists for it.</summary>
internal sealed record SimCountry(string Iso2, string Name, IReadOnlyList<(string Operator, string NetworkType)> Networks);

/// <summary>A catalogue package; <see cref="TopUps"/> are the top-up codes an eSIM of it accepts (none: TOPUP_NOT_SUPPORTED).</summary>
internal sealed record SimPackage(
    string Code,
    string Name,
    string Region,
    string Type,
    IReadOnlyList<string> Countries,
    decimal DataGb,
    int Days,
    decimal Cost,
    bool Unlimited,
    IReadOnlyList<string> TopUps,
    int VoiceMinutes = 0,
    int SmsCount = 0)
{
    public bool Rechargeable => TopUps.Count > 0;
}

internal sealed record SimTopUpPackage(string Code, string Name, decimal DataGb, int Days, decimal Cost, bool Unlimited);

/// <summary>
/// The sandbox catalogue: 32 packages, 24 of them local to 17 countries, five regions and the world, with codes in eSIMfly's mixed
/// formats (docs/providers/esimfly.md §1.5.2) and prices in the range of its partner costs. RB… codes are KDDI Japan
/// packages that are provisioned asynchronously (docs/providers/esimfly.md §1.5.3 "pending").
/// </summary>
internal static class EsimflyPackagesFixture
{
    public const string AsyncPrefix = "RB";

    public static readonly IReadOnlyList<SimCountry> Countries =
    [
        new("US", "United States", [("AT&T", "5G"), ("T-Mobile", "5G"), ("Verizon", "5G")]),
        new("GB", "United Kingdom", [("EE", "5G"), ("Vodafone", "5G"), ("Three", "5G")]),
        new("FR", "France", [("Orange", "5G"), ("SFR", "5G"), ("Bouygues Telecom", "4G")]),
        new("DE", "Germany", [("Telekom", "5G"), ("Vodafone", "5G"), ("O2", "5G")]),
        new("ES", "Spain", [("Movistar", "5G"), ("Orange", "4G"), ("Vodafone", "4G")]),
        new("IT", "Italy", [("TIM", "5G"), ("Vodafone", "5G"), ("WindTre", "4G")]),
        new("TR", "Turkey", [("Turkcell", "4G"), ("Vodafone", "4G"), ("Turk Telekom", "4G")]),
        new("JP", "Japan", [("KDDI", "5G"), ("SoftBank", "5G"), ("NTT Docomo", "5G")]),
        new("TH", "Thailand", [("AIS", "5G"), ("TrueMove H", "5G"), ("dtac", "4G")]),
        new("AE", "United Arab Emirates", [("Etisalat", "5G"), ("du", "5G")]),
        new("MX", "Mexico", [("Telcel", "4G"), ("AT&T", "4G")]),
        new("BR", "Brazil", [("Claro", "4G"), ("Vivo", "4G"), ("TIM", "4G")]),
        new("AU", "Australia", [("Telstra", "5G"), ("Optus", "5G")]),
        new("CA", "Canada", [("Rogers", "5G"), ("Bell", "5G"), ("Telus", "5G")]),
        new("IQ", "Iraq", [("Asiacell", "4G"), ("Zain", "4G"), ("Korek", "4G")]),
        new("KR", "South Korea", [("SK Telecom", "5G"), ("KT", "5G")]),
        new("ID", "Indonesia", [("Telkomsel", "4G"), ("Indosat", "4G")]),
        // Only in regional and global packages.
        new("NL", "Netherlands", [("KPN", "5G")]),
        new("PT", "Portugal", [("MEO", "5G")]),
        new("GR", "Greece", [("Cosmote", "4G")]),
        new("AT", "Austria", [("A1", "5G")]),
        new("BE", "Belgium", [("Proximus", "4G")]),
        new("IE", "Ireland", [("Vodafone", "4G")]),
        new("PL", "Poland", [("Plus", "4G")]),
        new("SE", "Sweden", [("Telia", "5G")]),
        new("SG", "Singapore", [("Singtel", "5G")]),
        new("MY", "Malaysia", [("Maxis", "4G")]),
        new("VN", "Vietnam", [("Viettel", "4G")]),
        new("PH", "Philippines", [("Globe", "4G")]),
        new("SA", "Saudi Arabia", [("STC", "5G")]),
        new("QA", "Qatar", [("Ooredoo", "5G")]),
        new("OM", "Oman", [("Omantel", "4G")]),
        new("JO", "Jordan", [("Zain", "4G")]),
        new("AR", "Argentina", [("Claro", "4G")]),
        new("CL", "Chile", [("Entel", "4G")]),
        new("CO", "Colombia", [("Claro", "4G")]),
        new("PE", "Peru", [("Movistar", "4G")]),
    ];

    private static readonly string[] Europe = ["FR", "DE", "ES", "IT", "GB", "NL", "PT", "GR", "AT", "BE", "IE", "PL", "SE"];
    private static readonly string[] Asia = ["JP", "KR", "TH", "ID", "SG", "MY", "VN", "PH"];
    private static readonly string[] MiddleEast = ["AE", "TR", "IQ", "SA", "QA", "OM", "JO"];
    private static readonly string[] LatinAmerica = ["MX", "BR", "AR", "CL", "CO", "PE"];
    private static readonly string[] NorthAmerica = ["US", "CA", "MX"];
    private static readonly string[] World = Countries.Select(c => c.Iso2).ToArray();

    public static readonly IReadOnlyList<SimPackage> Packages =
    [
        new("PHAJHEAYP", "United States 1GB 7Days", "United States", "local", ["US"], 1, 7, 1.44m, false, ["TOPUP_US1GB7D", "TOPUP_US5GB30D"]),
        new("US-5GB-30D", "United States 5GB 30Days", "United States", "local", ["US"], 5, 30, 6.30m, false, ["TOPUP_US1GB7D", "TOPUP_US5GB30D"]),
        new("USU-10D", "United States Unlimited 10Days", "United States", "local", ["US"], 0, 10, 22.50m, true, ["TOPUP_USU5D"]),
        new("GB-3GB-15D", "United Kingdom 3GB 15Days", "United Kingdom", "local", ["GB"], 3, 15, 3.90m, false, ["TOPUP_GB3GB15D"]),
        new("GB-10GB-30D", "United Kingdom 10GB 30Days", "United Kingdom", "local", ["GB"], 10, 30, 9.80m, false, ["TOPUP_GB3GB15D"], 100, 100),
        new("FR1GB7D", "France 1GB 7Days", "France", "local", ["FR"], 1, 7, 1.10m, false, ["TOPUP_FR3GB15D"]),
        new("FR-20GB-30D", "France 20GB 30Days", "France", "local", ["FR"], 20, 30, 14.20m, false, ["TOPUP_FR3GB15D"]),
        new("DE-5GB-30D", "Germany 5GB 30Days", "Germany", "local", ["DE"], 5, 30, 4.75m, false, ["TOPUP_DE5GB30D"]),
        new("ES-3GB-15D", "Spain 3GB 15Days", "Spain", "local", ["ES"], 3, 15, 3.20m, false, ["TOPUP_ES3GB15D"]),
        new("IT-10GB-30D", "Italy 10GB 30Days", "Italy", "local", ["IT"], 10, 30, 8.40m, false, ["TOPUP_IT5GB30D"]),
        new("merhaba-7days-1gb", "Turkey 1 GB 7 Days", "Turkey", "local", ["TR"], 1, 7, 2.72m, false, ["TOPUP_TR1GB7D"]),
        new("TR10GB30D", "Turkey 10GB 30Days", "Turkey", "local", ["TR"], 10, 30, 12.60m, false, ["TOPUP_TR1GB7D"]),
        new("JP-3GB-7D", "Japan 3GB 7Days", "Japan", "local", ["JP"], 3, 7, 4.10m, false, ["TOPUP_JP3GB7D"]),
        new("RB85_4D", "Japan 12 GB 4 Days", "Japan", "local", ["JP"], 12, 4, 5.85m, false, []),
        new("TH-5GB-10D", "Thailand 5GB 10Days", "Thailand", "local", ["TH"], 5, 10, 3.60m, false, ["TOPUP_TH5GB10D"]),
        new("THU-7D", "Thailand Unlimited 7Days", "Thailand", "local", ["TH"], 0, 7, 9.90m, true, []),
        new("AE-3GB-7D", "United Arab Emirates 3GB 7Days", "United Arab Emirates", "local", ["AE"], 3, 7, 8.90m, false, ["TOPUP_AE3GB7D"]),
        new("MX-5GB-30D", "Mexico 5GB 30Days", "Mexico", "local", ["MX"], 5, 30, 9.20m, false, ["TOPUP_MX5GB30D"]),
        new("BR-5GB-30D", "Brazil 5GB 30Days", "Brazil", "local", ["BR"], 5, 30, 8.70m, false, ["TOPUP_BR5GB30D"]),
        new("AU-10GB-30D", "Australia 10GB 30Days", "Australia", "local", ["AU"], 10, 30, 11.40m, false, ["TOPUP_AU5GB30D"]),
        new("CA-3GB-15D", "Canada 3GB 15Days", "Canada", "local", ["CA"], 3, 15, 7.60m, false, ["TOPUP_CA3GB15D"]),
        new("PXOO225PI", "Iraq 3GB 30Days", "Iraq", "local", ["IQ"], 3, 30, 9.60m, false, ["TOPUP_PXOO225PI"]),
        new("KR-5GB-10D", "South Korea 5GB 10Days", "South Korea", "local", ["KR"], 5, 10, 5.40m, false, ["TOPUP_KR5GB10D"]),
        new("ID-10GB-30D", "Indonesia 10GB 30Days", "Indonesia", "local", ["ID"], 10, 30, 6.20m, false, ["TOPUP_ID10GB30D"]),
        new("EU-5GB-30D", "Europe 5GB 30Days", "Europe", "regional", Europe, 5, 30, 7.50m, false, ["TOPUP_EU5GB30D"]),
        new("EU-20GB-30D", "Europe 20GB 30Days", "Europe", "regional", Europe, 20, 30, 19.90m, false, ["TOPUP_EU5GB30D"]),
        new("ASIA-5GB-15D", "Asia 5GB 15Days", "Asia", "regional", Asia, 5, 15, 9.90m, false, ["TOPUP_ASIA3GB15D"]),
        new("ME-3GB-15D", "Middle East 3GB 15Days", "Middle East", "regional", MiddleEast, 3, 15, 12.80m, false, ["TOPUP_ME3GB15D"]),
        new("LATAM-5GB-30D", "Latin America 5GB 30Days", "Latin America", "regional", LatinAmerica, 5, 30, 17.50m, false, []),
        new("NA-10GB-30D", "North America 10GB 30Days", "North America", "regional", NorthAmerica, 10, 30, 16.40m, false, ["TOPUP_NA5GB30D"]),
        new("GL-3GB-30D", "Global 3GB 30Days", "Global", "global", World, 3, 30, 14.90m, false, ["TOPUP_GL3GB30D"]),
        new("GL-10GB-30D", "Global 10GB 30Days", "Global", "global", World, 10, 30, 39.00m, false, []),
    ];

    public static readonly IReadOnlyList<SimTopUpPackage> TopUps =
    [
        new("TOPUP_US1GB7D", "United States 1GB 7Days", 1, 7, 1.60m, false),
        new("TOPUP_US5GB30D", "United States 5GB 30Days", 5, 30, 6.90m, false),
        new("TOPUP_USU5D", "United States Unlimited 5Days", 0, 5, 12.40m, true),
        new("TOPUP_GB3GB15D", "United Kingdom 3GB 15Days", 3, 15, 4.30m, false),
        new("TOPUP_FR3GB15D", "France 3GB 15Days", 3, 15, 3.40m, false),
        new("TOPUP_DE5GB30D", "Germany 5GB 30Days", 5, 30, 5.20m, false),
        new("TOPUP_ES3GB15D", "Spain 3GB 15Days", 3, 15, 3.50m, false),
        new("TOPUP_IT5GB30D", "Italy 5GB 30Days", 5, 30, 4.90m, false),
        new("TOPUP_TR1GB7D", "Turkey 1GB 7Days", 1, 7, 2.45m, false),
        new("TOPUP_JP3GB7D", "Japan 3GB 7Days", 3, 7, 4.50m, false),
        new("TOPUP_TH5GB10D", "Thailand 5GB 10Days", 5, 10, 3.95m, false),
        new("TOPUP_AE3GB7D", "United Arab Emirates 3GB 7Days", 3, 7, 9.80m, false),
        new("TOPUP_MX5GB30D", "Mexico 5GB 30Days", 5, 30, 10.10m, false),
        new("TOPUP_BR5GB30D", "Brazil 5GB 30Days", 5, 30, 9.60m, false),
        new("TOPUP_AU5GB30D", "Australia 5GB 30Days", 5, 30, 6.80m, false),
        new("TOPUP_CA3GB15D", "Canada 3GB 15Days", 3, 15, 8.40m, false),
        new("TOPUP_PXOO225PI", "Iraq 3GB 30Days", 3, 30, 10.56m, false),
        new("TOPUP_KR5GB10D", "South Korea 5GB 10Days", 5, 10, 5.90m, false),
        new("TOPUP_ID10GB30D", "Indonesia 10GB 30Days", 10, 30, 6.80m, false),
        new("TOPUP_EU5GB30D", "Europe 5GB 30Days", 5, 30, 8.20m, false),
        new("TOPUP_ASIA3GB15D", "Asia 3GB 15Days", 3, 15, 7.10m, false),
        new("TOPUP_ME3GB15D", "Middle East 3GB 15Days", 3, 15, 14.10m, false),
        new("TOPUP_NA5GB30D", "North America 5GB 30Days", 5, 30, 9.90m, false),
        new("TOPUP_GL3GB30D", "Global 3GB 30Days", 3, 30, 16.40m, false),
    ];

    public static SimPackage? Package(string code) => Packages.FirstOrDefault(p => p.Code == code);

    public static SimTopUpPackage? TopUp(string code) => TopUps.FirstOrDefault(p => p.Code == code);

    public static SimCountry Country(string iso2) => Countries.First(c => c.Iso2 == iso2);
}
