using Storefront.Providers;
using Storefront.Providers.Citrus;
using Storefront.Domain;

namespace Storefront.Sandbox.Citrus;

/// <summary>
/// The simulator's /rates table. Shape from the seed (name, flag, iso2, has_data, cheapest_per_gb_usd, networks with
/// operator and per_gb_usd) plus iso3/continent (docs/providers/citrus.md §2.4). Japan KDDI $1.38 is the seed's figure;
/// the other prices are plausible sandbox values, not Citrus's.
/// </summary>
internal static class CitrusRatesFixture
{
    public const decimal Discount = 0.10m;

    public static readonly IReadOnlyList<SimCountry> Countries =
    [
        new("Japan", "JP", "JPN", "Asia", [new("KDDI Corporation", 1.38m), new("NTT Docomo", 1.62m), new("SoftBank", 1.55m)]),
        new("United States", "US", "USA", "North America", [new("T-Mobile USA", 1.10m), new("AT&T Mobility", 1.25m), new("Verizon Wireless", 1.60m)]),
        new("United Kingdom", "GB", "GBR", "Europe", [new("EE", 1.05m), new("Vodafone UK", 1.12m), new("O2 UK", 1.20m), new("Three UK", 0.98m)]),
        new("France", "FR", "FRA", "Europe", [new("Orange France", 1.02m), new("SFR", 1.08m), new("Bouygues Telecom", 1.15m)]),
        new("Germany", "DE", "DEU", "Europe", [new("Telekom Deutschland", 1.30m), new("Vodafone Germany", 1.22m), new("O2 Germany", 1.18m)]),
        new("Spain", "ES", "ESP", "Europe", [new("Movistar", 1.05m), new("Orange Spain", 1.00m), new("Vodafone Spain", 1.09m)]),
        new("Italy", "IT", "ITA", "Europe", [new("TIM", 1.12m), new("Vodafone Italia", 1.15m), new("WindTre", 1.07m)]),
        new("Portugal", "PT", "PRT", "Europe", [new("MEO", 1.10m), new("NOS", 1.05m), new("Vodafone Portugal", 1.12m)]),
        new("Netherlands", "NL", "NLD", "Europe", [new("KPN", 1.25m), new("Vodafone Netherlands", 1.30m), new("Odido", 1.20m)]),
        new("Switzerland", "CH", "CHE", "Europe", [new("Swisscom", 3.80m), new("Sunrise", 3.60m), new("Salt", 3.70m)]),
        new("Greece", "GR", "GRC", "Europe", [new("Cosmote", 1.40m), new("Vodafone Greece", 1.45m)]),
        new("Iceland", "IS", "ISL", "Europe", [new("Síminn", 2.20m), new("Nova", 2.10m)]),
        new("Turkey", "TR", "TUR", "Europe", [new("Turkcell", 2.90m), new("Vodafone Turkey", 3.10m), new("Türk Telekom", 3.25m)]),
        new("Thailand", "TH", "THA", "Asia", [new("AIS", 1.45m), new("TrueMove H", 1.52m), new("dtac", 1.60m)]),
        new("China", "CN", "CHN", "Asia", [new("China Mobile", 2.60m), new("China Unicom", 2.50m)]),
        new("Hong Kong", "HK", "HKG", "Asia", [new("CSL", 1.20m), new("SmarTone", 1.28m), new("3 Hong Kong", 1.15m)]),
        new("South Korea", "KR", "KOR", "Asia", [new("SK Telecom", 1.70m), new("KT", 1.65m), new("LG U+", 1.60m)]),
        new("Singapore", "SG", "SGP", "Asia", [new("Singtel", 1.10m), new("StarHub", 1.05m), new("M1", 1.08m)]),
        new("Malaysia", "MY", "MYS", "Asia", [new("Maxis", 1.30m), new("CelcomDigi", 1.25m)]),
        new("Indonesia", "ID", "IDN", "Asia", [new("Telkomsel", 1.40m), new("Indosat Ooredoo Hutchison", 1.35m), new("XL Axiata", 1.32m)]),
        new("Vietnam", "VN", "VNM", "Asia", [new("Viettel", 1.20m), new("Vinaphone", 1.25m), new("MobiFone", 1.28m)]),
        new("Philippines", "PH", "PHL", "Asia", [new("Globe Telecom", 1.85m), new("Smart Communications", 1.90m)]),
        new("India", "IN", "IND", "Asia", [new("Jio", 2.15m), new("Airtel India", 2.30m), new("Vodafone Idea", 2.45m)]),
        new("United Arab Emirates", "AE", "ARE", "Asia", [new("e&", 3.50m), new("du", 3.40m)]),
        new("Saudi Arabia", "SA", "SAU", "Asia", [new("STC", 3.80m), new("Mobily", 3.60m), new("Zain KSA", 3.70m)]),
        new("Egypt", "EG", "EGY", "Africa", [new("Vodafone Egypt", 2.70m), new("Orange Egypt", 2.80m)]),
        new("Morocco", "MA", "MAR", "Africa", [new("Maroc Telecom", 3.10m), new("Orange Maroc", 3.00m), new("inwi", 3.20m)]),
        new("South Africa", "ZA", "ZAF", "Africa", [new("Vodacom", 2.60m), new("MTN South Africa", 2.55m), new("Cell C", 2.70m)]),
        new("Kenya", "KE", "KEN", "Africa", [new("Safaricom", 3.40m), new("Airtel Kenya", 3.55m)]),
        new("Nigeria", "NG", "NGA", "Africa", [new("MTN Nigeria", 3.90m), new("Airtel Nigeria", 4.10m)]),
        new("Ghana", "GH", "GHA", "Africa", [new("MTN Ghana", 4.20m), new("Telecel Ghana", 4.40m)]),
        new("Mexico", "MX", "MEX", "North America", [new("Telcel", 2.10m), new("AT&T Mexico", 2.25m), new("Movistar Mexico", 2.40m)]),
        new("Canada", "CA", "CAN", "North America", [new("Rogers Wireless", 2.80m), new("Bell Mobility", 2.95m), new("TELUS Mobility", 2.90m)]),
        new("Brazil", "BR", "BRA", "South America", [new("Vivo", 2.35m), new("Claro Brasil", 2.20m), new("TIM Brasil", 2.45m)]),
        new("Argentina", "AR", "ARG", "South America", [new("Claro Argentina", 3.20m), new("Movistar Argentina", 3.35m), new("Personal", 3.30m)]),
        new("Chile", "CL", "CHL", "South America", [new("Entel", 2.60m), new("Movistar Chile", 2.75m)]),
        new("Colombia", "CO", "COL", "South America", [new("Claro Colombia", 2.40m), new("Movistar Colombia", 2.55m)]),
        new("Peru", "PE", "PER", "South America", [new("Claro Peru", 2.65m), new("Movistar Peru", 2.80m)]),
        new("Australia", "AU", "AUS", "Oceania", [new("Telstra", 1.90m), new("Optus", 1.75m), new("Vodafone Australia", 1.80m)]),
        new("New Zealand", "NZ", "NZL", "Oceania", [new("Spark NZ", 2.10m), new("One NZ", 2.05m)]),
        new("Cuba", "CU", "CUB", "North America", []),
        new("North Korea", "KP", "PRK", "Asia", []),
        new("Syria", "SY", "SYR", "Asia", []),
    ];

    public static SimCountry? Find(string iso2) =>
        Countries.FirstOrDefault(c => string.Equals(c.Iso2, iso2, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// ?country= takes ISO2 (seed); ISO3 and a case-insensitive name are accepted too (docs/providers/citrus.md §2.4).
    /// </summary>
    public static bool Matches(SimCountry country, string query) =>
        string.Equals(country.Iso2, query, StringComparison.OrdinalIgnoreCase)
        || string.Equals(country.Iso3, query, StringComparison.OrdinalIgnoreCase)
        || string.Equals(country.Name, query, StringComparison.OrdinalIgnoreCase);
}

internal sealed record SimCountry(string Name, string Iso2, string Iso3, string Continent, IReadOnlyList<SimNetwork> Networks)
{
    public bool HasData => Networks.Count > 0;

    public SimNetwork? Cheapest => Networks.MinBy(n => n.PerGbUsd);

    /// <summary>The flag emoji: the two regional-indicator symbols of the ISO2 code.</summary>
    public string Flag => string.Concat(Iso2.Select(c => char.ConvertFromUtf32(0x1F1E6 + (c - 'A'))));
}

internal sealed record SimNetwork(string Operator, decimal PerGbUsd);
