using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.Esimfly;

namespace Storefront.Tests.Providers.Esimfly;

public class CatalogTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Catalogue_maps_every_package_with_its_data_in_megabytes()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);

        Assert.Equal(32, catalog.Packages.Count);
        var us = Assert.Single(catalog.Packages, p => p.Id == "PHAJHEAYP");
        var none = Array.Empty<string>();
        Assert.Equal(new UpstreamPackage("PHAJHEAYP", "United States 1GB 7Days", Coverage.Local, none, 1024, 7, false, true, 1.44m, null, false),
            us with { CountryIso2s = none });
        Assert.Equal(["US"], us.CountryIso2s);
        Assert.Equal(20 * 1024, Assert.Single(catalog.Packages, p => p.Id == "FR-20GB-30D").DataMb);
        Assert.Equal(["TR"], Assert.Single(catalog.Packages, p => p.Id == "merhaba-7days-1gb").CountryIso2s);
    }

    [Fact]
    public async Task Unlimited_regional_and_global_packages_are_told_apart()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var packages = (await sandbox.Provider.FetchCatalogAsync(None)).Packages;

        var unlimited = Assert.Single(packages, p => p.Id == "USU-10D");
        Assert.Equal((true, null, 10), (unlimited.IsUnlimited, unlimited.DataMb, unlimited.ValidityDays));
        var europe = Assert.Single(packages, p => p.Id == "EU-5GB-30D");
        Assert.Equal(Coverage.Regional, europe.Coverage);
        Assert.Contains("FR", europe.CountryIso2s);
        Assert.Contains("GB", europe.CountryIso2s);
        var global = Assert.Single(packages, p => p.Id == "GL-10GB-30D");
        Assert.Equal((Coverage.Global, false), (global.Coverage, global.TopUpAllowed));
        Assert.True(global.CountryIso2s.Count > 30);
        Assert.All(packages, p => Assert.Null(p.RecommendedRetailUsd));
    }

    [Fact]
    public async Task Catalogue_countries_have_iso_codes_and_english_names()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var countries = (await sandbox.Provider.FetchCatalogAsync(None)).Countries;

        Assert.Contains(countries, c => c is { Iso2: "JP", Name: "Japan" });
        Assert.Contains(countries, c => c is { Iso2: "AE", Name: "United Arab Emirates" });
        Assert.All(countries, c => Assert.Matches("^[A-Z]{2}$", c.Iso2));
        Assert.Equal(countries.Count, countries.Select(c => c.Iso2).Distinct().Count());
    }

    [Fact]
    public async Task Packages_are_filtered_and_paged_with_their_pagination()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var page = await sandbox.Client.ListPackagesAsync(null, "regional", 2, 4, None);

        Assert.Equal(2, page.Packages!.Count);
        Assert.Equal((2, 4, 6, 2), (page.Pagination!.Page, page.Pagination.Limit, page.Pagination.Total, page.Pagination.TotalPages));
        Assert.All(page.Packages, p => Assert.Equal("regional", p.Type));
    }

    [Fact]
    public async Task Packages_pagination_with_snake_case_total_pages_is_read_too()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(o => o.PackagesTotalPagesKey = "total_pages");

        var page = await sandbox.Client.ListPackagesAsync("Japan", null, 1, 100, None);

        Assert.Equal(1, page.Pagination!.TotalPages);
        Assert.Contains(page.Packages!, p => p.PackageCode == "RB85_4D");
    }

    [Theory]
    [InlineData("1", 1024)]
    [InlineData("0.5", 512)]
    [InlineData("20", 20480)]
    [InlineData("8.0", 8192)]
    public void Gigabytes_become_megabytes_at_1024(string gb, long mb)
    {
        Assert.Equal(mb, EsimflyUnits.MbFromGb(decimal.Parse(gb, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Order_status_bytes_become_megabytes()
    {
        Assert.Equal(1024, EsimflyUnits.MbFromBytes(1073741824));
    }

    [Fact]
    public void Top_up_expiry_written_for_humans_is_read_as_utc()
    {
        Assert.Equal(new DateTimeOffset(2026, 2, 13, 23, 27, 0, TimeSpan.Zero), EsimflyUnits.ParseHumanTime("February 13, 2026 at 11:27 PM"));
    }

    [Theory]
    [InlineData("/images/flags/us.png", null, "US")]
    [InlineData(null, "Sweden", "SE")]
    [InlineData(null, "Turkey", "TR")]
    [InlineData(null, "South Korea", "KR")]
    public void Country_codes_come_from_flag_files_or_names(string? flag, string? name, string iso2)
    {
        var package = new EsimflyPackage { Type = "local", LocationNetworkList = [new EsimflyLocation(name, flag, null)] };

        Assert.Equal(iso2, Assert.Single(EsimflyCountries.Of(package)).Iso2);
    }

    [Theory]
    [InlineData("Esimfly:AccessCode")]
    [InlineData("Esimfly:SecretKey")]
    public void Missing_credentials_fail_at_start_naming_the_setting(string missing)
    {
        var settings = new Dictionary<string, string?> { ["Esimfly:AccessCode"] = "esf_x", ["Esimfly:SecretKey"] = "sk_x" };
        settings.Remove(missing);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddEsimflyProvider(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EsimflyOptions>>().Value);

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Base_url_comes_from_configuration_and_defaults_to_esimfly()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Esimfly:AccessCode"] = "esf_x",
            ["Esimfly:SecretKey"] = "sk_x",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddEsimflyProvider(configuration).BuildServiceProvider();

        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(EsimflyClient));

        Assert.Equal(new Uri("https://esimfly.net/api/v1/business/"), http.BaseAddress);
    }
}
