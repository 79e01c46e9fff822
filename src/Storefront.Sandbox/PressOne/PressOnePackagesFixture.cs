using Storefront.Providers;
using Storefront.Providers.PressOne;
using Storefront.Domain;

namespace Storefront.Sandbox.PressOne;

/// <summary>
/// The simulator's catalogue: 15 countries with one local operator each, three regions and the world
/// (docs/providers/pressone.md §3.3.4 shape). Rechargeable operators offer their limited plans again as top-ups
/// (<c>…-topup</c>, docs/providers/pressone.md §3.3.9). Prices are retail; the wholesale net price is 80 % of it. The
/// magic packages of Airalo's sandbox are orderable but not listed (docs/providers/pressone.md §3.3.14).
/// </summary>
internal static class PressOnePackagesFixture
{
    public const decimal NetShare = 0.8m;
    public const decimal EurPerUsd = 0.92m;

    public const string InsufficientBalancePackage = "test-insufficient-balance-7days-1gb";
    public const string MaintenancePackage = "test-maintenance-mode-7days-1gb";
    public const string DisabledTopUpPackage = "test-disabled-top-up-7days-1gb";
    public const string NotEnoughStockPackage = "test-not-enough-7days-1gb";
    public const string OutOfStockPackage = "test-out-of-stock-7days-1gb";

    private static readonly Dictionary<string, string> CountryNames = new()
    {
        ["US"] = "United States", ["GB"] = "United Kingdom", ["FR"] = "France", ["DE"] = "Germany", ["ES"] = "Spain",
        ["IT"] = "Italy", ["TR"] = "Turkey", ["JP"] = "Japan", ["TH"] = "Thailand", ["AE"] = "United Arab Emirates",
        ["MX"] = "Mexico", ["BR"] = "Brazil", ["NG"] = "Nigeria", ["ZA"] = "South Africa", ["GR"] = "Greece",
        ["PT"] = "Portugal", ["NL"] = "Netherlands", ["BE"] = "Belgium", ["AT"] = "Austria", ["IE"] = "Ireland",
        ["PL"] = "Poland", ["SG"] = "Singapore", ["MY"] = "Malaysia", ["ID"] = "Indonesia", ["VN"] = "Vietnam",
        ["KR"] = "South Korea", ["PH"] = "Philippines", ["KE"] = "Kenya", ["GH"] = "Ghana", ["EG"] = "Egypt",
        ["MA"] = "Morocco", ["TZ"] = "Tanzania", ["AU"] = "Australia", ["CA"] = "Canada", ["IN"] = "India",
    };

    /// <summary>The listed entries, in the order <c>/packages</c> pages through them.</summary>
    public static readonly IReadOnlyList<FixtureEntry> Entries =
    [
        Local(1001, "US", "liberty-wireless", "Liberty Wireless", true, P(7, 1, 5m), P(30, 3, 11m), P(30, 3, 13m, voice: 100, text: 100)),
        Local(1002, "GB", "albion-mobile", "Albion Mobile", true, P(7, 1, 4.5m), P(30, 5, 14m), Unlimited(7, 22m)),
        Local(1003, "FR", "belle-connect", "Belle Connect", true, P(7, 1, 4.5m), P(30, 3, 9.5m)),
        Local(1004, "DE", "rhein-telekom", "Rhein Telekom", true, P(7, 1, 4.5m), P(30, 5, 15m)),
        Local(1005, "ES", "sol-movil", "Sol Movil", true, P(7, 1, 4.5m), P(30, 3, 12m, voice: 50, text: 50)),
        Local(1006, "IT", "vespa-mobile", "Vespa Mobile", true, P(7, 1, 4.5m), P(15, 2, 8m)),
        Local(1007, "TR", "anatolia-net", "Anatolia Net", true, P(7, 1, 5m), P(30, 3, 12m)),
        Local(1008, "JP", "sakura-mobile", "Sakura Mobile", true, P(7, 1, 4.5m), P(15, 3, 10m), Unlimited(10, 30m)),
        Local(1009, "TH", "siam-connect", "Siam Connect", true, P(8, 3, 6m), P(15, 10, 15m)),
        Local(1010, "AE", "falcon-data", "Falcon Data", false, P(7, 1, 9m), P(30, 3, 22m)),
        Local(1011, "MX", "azteca-movil", "Azteca Movil", true, P(7, 1, 5m), P(30, 5, 18m, voice: 100, text: 100)),
        Local(1012, "BR", "samba-conecta", "Samba Conecta", true, P(7, 1, 5.5m), P(30, 5, 19m)),
        Local(1013, "NG", "lagos-link", "Lagos Link", true, P(7, 1, 6m), P(30, 3, 14m, voice: 100, text: 100)),
        Local(1014, "ZA", "springbok-mobile", "Springbok Mobile", true, P(7, 1, 6m), P(30, 3, 15m)),
        Local(1015, "GR", "meraki-mobile", "Meraki Mobile", true, P(7, 1, 4.5m), P(30, 5, 13m)),
        Region(2001, "europe", "Europe", "eurolink", "Eurolink", true,
            ["FR", "DE", "ES", "IT", "GR", "GB", "PT", "NL", "BE", "AT", "IE", "PL"], P(7, 1, 5m), P(30, 5, 17m)),
        Region(2002, "asia", "Asia", "asialink", "Asialink", true,
            ["JP", "TH", "SG", "MY", "ID", "VN", "KR", "PH"], P(7, 1, 6m), P(30, 5, 20m)),
        Region(2003, "africa", "Africa", "afrilink", "Afrilink", false,
            ["NG", "ZA", "KE", "GH", "EG", "MA", "TZ"], P(15, 1, 12m), P(30, 3, 29m)),
        Region(3001, "world", "World", "discover-global", "Discover Global", true,
            ["US", "GB", "FR", "DE", "ES", "IT", "JP", "TH", "AE", "MX", "BR", "NG", "ZA", "AU", "CA", "IN"],
            P(7, 1, 9m), P(30, 5, 39m, voice: 100, text: 100)),
    ];

    /// <summary>
    /// Orderable, never listed: each triggers one of Airalo's sandbox errors (docs/providers/pressone.md §3.3.14).
    /// </summary>
    public static readonly FixtureOperator SandboxTestOperator = Operator(9001, "sandbox-test", "Sandbox Test Mobile", "local", true,
        [new FixtureCountry("GB", "United Kingdom")],
        [
            Magic(InsufficientBalancePackage), Magic(MaintenancePackage), Magic(DisabledTopUpPackage),
            Magic(NotEnoughStockPackage), Magic(OutOfStockPackage),
        ],
        [Magic(DisabledTopUpPackage + "-topup", PressOnePackageTypes.TopUp)]);

    private static readonly Dictionary<string, (FixturePackage Package, FixtureOperator Operator)> ById =
        Entries.Select(e => e.Operator).Append(SandboxTestOperator)
            .SelectMany(o => o.Packages.Concat(o.TopUps).Select(p => (p, o)))
            .ToDictionary(x => x.p.Id, x => x);

    public static (FixturePackage Package, FixtureOperator Operator)? Find(string id) => ById.TryGetValue(id, out var found) ? found : null;

    private static FixtureEntry Local(int id, string iso2, string slug, string title, bool rechargeable, params Plan[] plans) =>
        new(CountryNames[iso2].ToLowerInvariant().Replace(' ', '-'), iso2, CountryNames[iso2],
            Operator(id, slug, title, PressOnePackageTypes.Local, rechargeable, [new FixtureCountry(iso2, CountryNames[iso2])], plans));

    private static FixtureEntry Region(int id, string entrySlug, string entryTitle, string slug, string title, bool rechargeable,
        string[] iso2s, params Plan[] plans) =>
        new(entrySlug, "", entryTitle,
            Operator(id, slug, title, PressOnePackageTypes.Global, rechargeable, iso2s.Select(c => new FixtureCountry(c, CountryNames[c])).ToList(), plans));

    private static FixtureOperator Operator(int id, string slug, string title, string type, bool rechargeable,
        IReadOnlyList<FixtureCountry> countries, Plan[] plans)
    {
        var packages = plans.Select(p => p.ToPackage(slug, PressOnePackageTypes.Sim)).ToList();
        var topUps = rechargeable
            ? plans.Where(p => p.Gb > 0).Select(p => p.ToPackage(slug, PressOnePackageTypes.TopUp)).ToList()
            : [];
        return Operator(id, slug, title, type, rechargeable, countries, packages, topUps);
    }

    private static FixtureOperator Operator(int id, string slug, string title, string type, bool rechargeable,
        IReadOnlyList<FixtureCountry> countries, IReadOnlyList<FixturePackage> packages, IReadOnlyList<FixturePackage> topUps) =>
        new(id, slug, title, type, rechargeable, countries, packages, topUps);

    private static FixturePackage Magic(string id, string type = PressOnePackageTypes.Sim) =>
        new(id, type, 5m, 1024, 7, "1 GB - 7 Days", "1 GB", null, null);

    private static Plan P(int days, int gb, decimal price, int? voice = null, int? text = null) => new(days, gb, price, voice, text);

    private static Plan Unlimited(int days, decimal price) => new(days, 0, price, null, null);

    private sealed record Plan(int Days, int Gb, decimal Price, int? Voice, int? Text)
    {
        public FixturePackage ToPackage(string operatorSlug, string type)
        {
            var size = Gb == 0 ? "unlimited" : $"{Gb}gb";
            var extras = Voice is { } v ? $"-{Text}sms-{v}mins" : "";
            var id = $"{operatorSlug}-{Days}days-{size}{extras}" + (type == PressOnePackageTypes.TopUp ? "-topup" : "");
            var data = Gb == 0 ? "Unlimited" : $"{Gb} GB";
            var title = Voice is { } minutes ? $"{data} - {Text} SMS - {minutes} Mins - {Days} Days" : $"{data} - {Days} Days";
            return new FixturePackage(id, type, Price, Gb * 1024, Days, title, data, Voice, Text);
        }
    }
}

internal sealed record FixtureEntry(string Slug, string CountryCode, string Title, FixtureOperator Operator);

internal sealed record FixtureCountry(string Iso2, string Title);

internal sealed record FixtureOperator(
    int Id,
    string Slug,
    string Title,
    string Type,
    bool Rechargeable,
    IReadOnlyList<FixtureCountry> Countries,
    IReadOnlyList<FixturePackage> Packages,
    IReadOnlyList<FixturePackage> TopUps);

/// <summary>A package; <see cref="AmountMb"/> 0 is unlimited (docs/providers/pressone.md §3.3.4).</summary>
internal sealed record FixturePackage(string Id, string Type, decimal Price, int AmountMb, int Day, string Title, string Data, int? Voice, int? Text)
{
    public bool IsUnlimited => AmountMb == 0;

    public decimal NetPrice => decimal.Round(Price * PressOnePackagesFixture.NetShare, 2, MidpointRounding.AwayFromZero);

    public static decimal Eur(decimal usd) => decimal.Round(usd * PressOnePackagesFixture.EurPerUsd, 2, MidpointRounding.AwayFromZero);
}
