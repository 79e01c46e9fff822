using Storefront.Providers;
using Storefront.Providers.Roamify;
using Storefront.Domain;

namespace Storefront.Sandbox.Roamify;

/// <summary>
/// The simulator's catalogue: 47 packages in 17 country groups, 3 regional and 1 global
/// (docs/providers/roamify.md §2.3.2 shapes and id pattern; the Cambodia, Sweden and Afghanistan ids come from the
/// docs). Prices are plausible sandbox values, not Roamify's. "Africa Adventure" reuses Afghanistan's code AF, as in
/// the real countries list (docs/providers/roamify.md §2.3.1). Three unlimited packages need a travel date; Turkey's
/// 30-day package has no usage check.
/// </summary>
internal static class RoamifyPackagesFixture
{
    // Declared before Groups: static fields initialise in order, and the regional groups name their countries from these.
    /// <summary>Names of countries covered only through regions, and a few with no packages, as the real list has.</summary>
    private static readonly Dictionary<string, string> Names = new()
    {
        ["PT"] = "Portugal", ["NL"] = "Netherlands", ["GR"] = "Greece", ["AT"] = "Austria", ["BE"] = "Belgium", ["IE"] = "Ireland",
        ["SG"] = "Singapore", ["MY"] = "Malaysia", ["ID"] = "Indonesia", ["VN"] = "Vietnam", ["KR"] = "South Korea",
        ["ZA"] = "South Africa", ["KE"] = "Kenya", ["EG"] = "Egypt", ["MA"] = "Morocco", ["TZ"] = "Tanzania", ["IN"] = "India",
        ["AX"] = "Åland Islands", ["AL"] = "Albania",
    };

    private static readonly Dictionary<string, string> LocalNames = new()
    {
        ["US"] = "United States", ["GB"] = "United Kingdom", ["FR"] = "France", ["DE"] = "Germany", ["ES"] = "Spain",
        ["IT"] = "Italy", ["JP"] = "Japan", ["TH"] = "Thailand", ["KH"] = "Cambodia", ["SE"] = "Sweden", ["TR"] = "Turkey",
        ["MX"] = "Mexico", ["CA"] = "Canada", ["AU"] = "Australia", ["AE"] = "United Arab Emirates", ["AF"] = "Afghanistan",
        ["BR"] = "Brazil",
    };

    public static readonly IReadOnlyList<RoamifySimGroup> Groups =
    [
        Local("United States", "US", "North America", ["T-Mobile", "AT&T"],
            P("united-states", 7, 1, 4.50m), P("united-states", 15, 3, 9m), P("united-states", 30, 5, 13m),
            P("united-states", 30, 10, 21m), U("united-states", 7, 16m, throttleAfterGb: 2, kbps: 512)),
        Local("United Kingdom", "GB", "Europe", ["EE", "Vodafone UK", "Three UK"],
            P("united-kingdom", 7, 1, 3.50m), P("united-kingdom", 30, 5, 10m), P("united-kingdom", 30, 20, 24m)),
        Local("France", "FR", "Europe", ["Orange France", "SFR", "Bouygues Telecom"],
            P("france", 7, 1, 3.50m), P("france", 30, 5, 10m), P("france", 30, 10, 16m)),
        Local("Germany", "DE", "Europe", ["Telekom Deutschland", "Vodafone Germany"],
            P("germany", 15, 3, 7.50m), P("germany", 30, 10, 17m)),
        Local("Spain", "ES", "Europe", ["Movistar", "Orange Spain"],
            P("spain", 7, 1, 3.50m), P("spain", 30, 5, 10m)),
        Local("Italy", "IT", "Europe", ["TIM", "Vodafone Italia", "WindTre"],
            P("italy", 15, 3, 7m), P("italy", 30, 10, 16m)),
        Local("Japan", "JP", "Asia", ["KDDI", "NTT Docomo", "SoftBank"],
            P("japan", 7, 1, 4.50m), P("japan", 15, 3, 9m), P("japan", 30, 10, 22m),
            U("japan", 5, 13m, throttleAfterGb: 3, kbps: 1024, travelDate: true)),
        Local("Thailand", "TH", "Asia", ["AIS", "TrueMove H", "dtac"],
            P("thailand", 8, 5, 6m), P("thailand", 15, 15, 12m), U("thailand", 10, 15m, throttleAfterGb: 5, kbps: 512, travelDate: true)),
        Local("Cambodia", "KH", "Asia", ["Smart Axiata", "Cellcard"],
            P("cambodia", 7, 1, 5m)),
        Local("Sweden", "SE", "Europe", ["Telia", "Tele2", "Telenor"],
            P("sweden", 15, 3, 7m),
            new RoamifySimPackage("esim-sweden-30days-100gb-unsms-unmin-all", "100 GB - Unlimited SMS - Unlimited Mins - 30 Days", 30, 102400m, 38m)),
        Local("Turkey", "TR", "Europe", ["Turkcell", "Vodafone Turkey"],
            P("turkey", 15, 3, 8m), P("turkey", 30, 10, 19m) with { WithUsageCheck = false }),
        Local("Mexico", "MX", "North America", ["Telcel", "AT&T Mexico"],
            P("mexico", 15, 3, 9m), P("mexico", 30, 10, 22m)),
        Local("Canada", "CA", "North America", ["Rogers", "Bell", "Telus"],
            U("canada", 15, 19m, throttleAfterGb: 2, kbps: 128)),
        Local("Australia", "AU", "Oceania", ["Telstra", "Optus"],
            P("australia", 30, 5, 12m)),
        Local("United Arab Emirates", "AE", "Middle East", ["Etisalat", "du"],
            P("united-arab-emirates", 7, 1, 6m) with { WithTopUp = false }, P("united-arab-emirates", 30, 5, 22m) with { WithTopUp = false }),
        Local("Afghanistan", "AF", "Asia", ["MTN", "Roshan"],
            P("afghanistan", 7, 1, 5m) with { WithTopUp = false }),
        Local("Brazil", "BR", "South America", ["Claro", "Vivo", "TIM Brasil"],
            P("brazil", 30, 5, 14m)),

        Regional("Europe", "EU", "europe", "Europe",
            ["FR", "DE", "ES", "IT", "GB", "SE", "PT", "NL", "GR", "AT", "BE", "IE"],
            P("europe", 30, 5, 13m), P("europe", 30, 10, 20m), P("europe", 30, 20, 32m),
            U("europe", 15, 35m, throttleAfterGb: 5, kbps: 1024, travelDate: true)),
        Regional("Asia Pacific", "AP", "asia-pacific", "Asia",
            ["JP", "TH", "KH", "SG", "MY", "ID", "VN", "KR", "AU"],
            P("asia-pacific", 15, 3, 12m), P("asia-pacific", 30, 10, 28m)),
        Regional("Africa Adventure", "AF", "africa-adventure", "Africa",
            ["ZA", "KE", "EG", "MA", "TZ"],
            P("africa-adventure", 30, 3, 18m)),
        Global("Global", "WW", "global",
            ["US", "CA", "MX", "BR", "GB", "FR", "DE", "ES", "IT", "TR", "AE", "JP", "TH", "SG", "AU", "ZA", "IN", "KR"],
            P("global", 7, 1, 9m), P("global", 30, 3, 22m), P("global", 30, 10, 55m)),
    ];

    /// <summary>What <c>GET /api/esim/countries</c> lists: every country and every group name, sorted by name.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Countries = Groups
        .Select(g => (g.Code, g.Name))
        .Concat(Groups.SelectMany(g => g.Signals).Select(s => (s.Code, s.Name)))
        .Concat(Names.Select(n => (n.Key, n.Value)))
        .Distinct()
        .OrderBy(c => c.Item2, StringComparer.Ordinal)
        .ToList();

    private static readonly Dictionary<string, (RoamifySimGroup Group, RoamifySimPackage Package)> ById =
        Groups.SelectMany(g => g.Packages.Select(p => (g, p))).ToDictionary(x => x.p.PackageId);

    public static (RoamifySimGroup Group, RoamifySimPackage Package)? Find(string packageId) =>
        ById.TryGetValue(packageId, out var found) ? found : null;

    private static RoamifySimPackage P(string slug, int days, int gb, decimal price) =>
        new($"esim-{slug}-{days}days-{gb}gb-all", $"{gb} GB - {days} Days", days, gb * 1024m, price);

    private static RoamifySimPackage U(string slug, int days, decimal price, int throttleAfterGb, int kbps, bool travelDate = false) =>
        new($"esim-{slug}-{days}days-un{throttleAfterGb}gb-all", $"Unlimited Data - {days} Days ({throttleAfterGb} GB / {kbps} KBPS)",
            days, null, price, TravelDate: travelDate, ThrottleKbps: kbps, ThrottleAfterGb: throttleAfterGb);

    private static RoamifySimGroup Local(string name, string code, string region, string[] carriers, params RoamifySimPackage[] packages) =>
        new(Slug(name) + "-esims", name, code, Slug(name), region, RoamifyGeography.Local,
            [new RoamifySimSignal(code, name, ["4G", "5G"], carriers)], packages);

    private static RoamifySimGroup Regional(string name, string code, string slug, string region, string[] countries,
        params RoamifySimPackage[] packages) =>
        new(slug + "-esims", name, code, slug, region, RoamifyGeography.Regional, Signals(countries), packages);

    private static RoamifySimGroup Global(string name, string code, string slug, string[] countries, params RoamifySimPackage[] packages) =>
        new(slug + "-esims", name, code, slug, "Global", RoamifyGeography.Global, Signals(countries), packages);

    private static IReadOnlyList<RoamifySimSignal> Signals(string[] codes) =>
        codes.Select(c => new RoamifySimSignal(c, CountryName(c), ["4G"], [])).ToList();

    private static string CountryName(string code) =>
        Names.TryGetValue(code, out var name) ? name : LocalNames[code];

    private static string Slug(string name) => name.ToLowerInvariant().Replace(' ', '-');
}

internal sealed record RoamifySimGroup(
    string Id,
    string Name,
    string Code,
    string Slug,
    string Region,
    string Geography,
    IReadOnlyList<RoamifySimSignal> Signals,
    IReadOnlyList<RoamifySimPackage> Packages);

internal sealed record RoamifySimSignal(string Code, string Name, string[] Networks, string[] Carriers);

/// <summary>A catalogue package; <see cref="DataMb"/> null is unlimited.</summary>
internal sealed record RoamifySimPackage(
    string PackageId,
    string Name,
    int Day,
    decimal? DataMb,
    decimal Price,
    bool WithTopUp = true,
    bool WithUsageCheck = true,
    bool TravelDate = false,
    int? ThrottleKbps = null,
    int? ThrottleAfterGb = null)
{
    public bool IsUnlimited => DataMb is null;
    public decimal DataAmount => DataMb ?? RoamifyPackage.UnlimitedDataAmount;
}
