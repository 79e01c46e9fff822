using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Providers.Citrus;

namespace Storefront.Tests.Providers.Citrus;

public class CatalogTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Catalog_lists_countries_with_data_and_their_per_gb_network_prices()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);

        var japan = Assert.Single(catalog.Countries, c => c.Iso2 == "JP");
        Assert.Equal("Japan", japan.Name);
        Assert.Contains(japan.Networks, n => n is { Operator: "KDDI Corporation", PerGbUsd: 1.38m });
        Assert.Contains(japan.Networks, n => n is { Operator: "NTT Docomo", PerGbUsd: 1.62m });
        Assert.Equal(1.38m, japan.CheapestPerGbUsd);
        Assert.InRange(catalog.Countries.Count, 35, 60);
        Assert.DoesNotContain(catalog.Countries, c => c.Iso2 == "KP");
        Assert.All(["US", "GB", "FR", "DE", "ES", "IT", "TR", "TH", "MX", "BR"], iso2 => Assert.Contains(catalog.Countries, c => c.Iso2 == iso2));
        Assert.Empty(catalog.Packages);
    }

    [Theory]
    [InlineData("JP")]
    [InlineData("jpn")]
    [InlineData("Japan")]
    public async Task Rates_for_one_country_accept_iso2_iso3_or_name(string country)
    {
        await using var sandbox = await CitrusSandbox.StartAsync();

        var rates = await sandbox.Client.GetRatesAsync(country, None);

        var japan = Assert.Single(rates.Countries);
        Assert.Equal(("JP", "JPN", "Asia", "🇯🇵", 1.38m, "KDDI Corporation"),
            (japan.Iso2, japan.Iso3, japan.Continent, japan.Flag, japan.CheapestPerGbUsd, japan.CheapestOperator));
    }

    [Fact]
    public void Missing_api_key_fails_at_start_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        using var services = new ServiceCollection().AddLogging().AddCitrusProvider(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CitrusOptions>>().Value);

        Assert.Contains("Citrus:ApiKey", error.Message);
    }

    [Fact]
    public void Base_url_comes_from_configuration_when_no_override_is_given()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Citrus:ApiKey"] = "rsk_test",
            ["Citrus:BaseUrl"] = "https://citrus.example/api/v2/reseller",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddCitrusProvider(configuration).BuildServiceProvider();

        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(CitrusClient));

        Assert.Equal(new Uri("https://citrus.example/api/v2/reseller/"), http.BaseAddress);
    }
}
