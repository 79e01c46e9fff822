using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.Roamify;

namespace Storefront.Tests.Providers.Roamify;

public class CatalogTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const int FixturePackages = 47;

    [Fact]
    public async Task Countries_list_mixes_countries_with_regional_bundles_that_reuse_their_codes()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        var countries = await sandbox.Client.GetCountriesAsync(None);

        Assert.Contains(new RoamifyCountry("AF", "Afghanistan"), countries);
        Assert.Contains(new RoamifyCountry("AF", "Africa Adventure"), countries);
        Assert.Contains(new RoamifyCountry("AX", "Åland Islands"), countries);
        Assert.Contains(new RoamifyCountry("EU", "Europe"), countries);
    }

    [Fact]
    public async Task Catalogue_has_every_package_of_every_group()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);

        Assert.Equal(FixturePackages, catalog.Packages.Count);
        Assert.Equal(FixturePackages, catalog.Packages.Select(p => p.Id).Distinct().Count());
    }

    [Theory]
    [InlineData(3, "groups", null)]
    [InlineData(1, "groups", null)]
    [InlineData(5, "packages", null)]
    [InlineData(50, "groups", 4)]
    [InlineData(50, "packages", 7)]
    public async Task Catalogue_is_read_to_the_last_page_however_pages_are_counted_or_capped(int pageSize, string counts, int? cap)
    {
        await using var sandbox = await RoamifySandbox.StartAsync(o =>
        {
            o.PageCounts = counts;
            o.MaxPageSize = cap;
        });
        var provider = sandbox.ProviderWith(o => o.PageSize = pageSize);

        var catalog = await provider.FetchCatalogAsync(None);

        Assert.Equal(FixturePackages, catalog.Packages.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_small_page_size_asks_for_every_page_in_turn_and_stops_at_the_first_empty_one()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var client = sandbox.ClientWith(o => o.PageSize = 5);

        var pages = new List<int>();
        for (var page = 1; page <= 6; page++)
            pages.Add((await client.GetPackagesPageAsync(null, page, 5, None)).Count);
        var all = new List<RoamifyPackageGroup>();
        await foreach (var group in client.GetAllPackagesAsync(null, None)) all.Add(group);

        Assert.Equal([5, 5, 5, 5, 1, 0], pages);
        Assert.Equal(21, all.Count);
    }

    [Fact]
    public async Task Local_packages_map_to_their_country_with_data_in_mb_validity_cost_and_top_up_flag()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);

        var us = Assert.Single(catalog.Packages, p => p.Id == "esim-united-states-7days-1gb-all");
        Assert.Equal(("1 GB - 7 Days", Coverage.Local, (long?)1024, (int?)7, false, true, 4.50m, (decimal?)null, false),
            (us.Name, us.Coverage, us.DataMb, us.ValidityDays, us.IsUnlimited, us.TopUpAllowed, us.CostUsd, us.RecommendedRetailUsd,
                us.RequiresTravelDate));
        Assert.Equal(["US"], us.CountryIso2s);
        Assert.Equal(102400, catalog.Packages.Single(p => p.Id == "esim-sweden-30days-100gb-unsms-unmin-all").DataMb);
        Assert.False(catalog.Packages.Single(p => p.Id == "esim-united-arab-emirates-7days-1gb-all").TopUpAllowed);
    }

    [Fact]
    public async Task Regional_and_global_packages_cover_the_countries_of_their_signals()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);

        var europe = catalog.Packages.Single(p => p.Id == "esim-europe-30days-10gb-all");
        var africa = catalog.Packages.Single(p => p.Id == "esim-africa-adventure-30days-3gb-all");
        var global = catalog.Packages.Single(p => p.Id == "esim-global-30days-10gb-all");
        Assert.Equal(Coverage.Regional, europe.Coverage);
        Assert.Equal(["FR", "DE", "ES", "IT", "GB", "SE", "PT", "NL", "GR", "AT", "BE", "IE"], europe.CountryIso2s);
        Assert.Equal(["ZA", "KE", "EG", "MA", "TZ"], africa.CountryIso2s);
        Assert.Equal(Coverage.Global, global.Coverage);
        Assert.Equal(18, global.CountryIso2s.Count);
        Assert.DoesNotContain(catalog.Packages, p => p.CountryIso2s.Contains("EU") || p.CountryIso2s.Contains("WW"));
    }

    [Fact]
    public async Task Unlimited_packages_have_no_data_amount_and_travel_date_packages_are_flagged()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);

        var japan = catalog.Packages.Single(p => p.Id == "esim-japan-5days-un3gb-all");
        Assert.True(japan.IsUnlimited);
        Assert.Null(japan.DataMb);
        Assert.Equal(5, japan.ValidityDays);
        Assert.True(japan.RequiresTravelDate);
        Assert.Equal(["esim-europe-15days-un5gb-all", "esim-japan-5days-un3gb-all", "esim-thailand-10days-un5gb-all"],
            catalog.Packages.Where(p => p.RequiresTravelDate).Select(p => p.Id).Order());
        Assert.Equal(5, catalog.Packages.Count(p => p.IsUnlimited));
    }

    [Fact]
    public async Task Catalogue_countries_have_one_name_per_code_and_leave_out_regional_bundles()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);

        Assert.Equal(catalog.Countries.Count, catalog.Countries.Select(c => c.Iso2).Distinct().Count());
        Assert.Equal("Afghanistan", catalog.Countries.Single(c => c.Iso2 == "AF").Name);
        Assert.DoesNotContain(catalog.Countries, c => c.Name is "Europe" or "Global" or "Asia Pacific" or "Africa Adventure");
        Assert.Contains(catalog.Countries, c => c is { Iso2: "PT", Name: "Portugal" });
        Assert.All(catalog.Countries, c => Assert.Empty(c.Networks));
    }

    [Fact]
    public async Task Package_filters_select_by_country_code_geography_days_size_and_unlimited()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var client = sandbox.Client;

        var af = await client.GetPackagesPageAsync(new RoamifyPackageFilter { CountryCode = "AF" }, 1, 50, None);
        var regional = await client.GetPackagesPageAsync(new RoamifyPackageFilter { Geography = "regional" }, 1, 50, None);
        var thirtyDayTen = await client.GetPackagesPageAsync(new RoamifyPackageFilter { Days = 30, Gbs = 10 }, 1, 50, None);
        var unlimited = await client.GetPackagesPageAsync(new RoamifyPackageFilter { IsUnlimited = true, Gbs = 10 }, 1, 50, None);
        var one = await client.GetPackageAsync("esim-cambodia-7days-1gb-all", None);

        Assert.Equal(["Afghanistan", "Africa Adventure"], af.Select(g => g.CountryName));
        Assert.Equal(3, regional.Count);
        Assert.All(thirtyDayTen.SelectMany(g => g.Packages!), p => Assert.Equal((30, 10240m), (p.Day, p.DataAmount)));
        Assert.Equal(10, thirtyDayTen.SelectMany(g => g.Packages!).Count());
        Assert.All(unlimited.SelectMany(g => g.Packages!), p => Assert.Equal(RoamifyPackage.UnlimitedDataAmount, p.DataAmount));
        Assert.Equal(("cambodia-esims", 5m), (one!.Value.Group.Id, one.Value.Package.Price));
        Assert.Null(await client.GetPackageAsync("esim-atlantis-7days-1gb-all", None));
    }

    [Fact]
    public void Missing_access_token_fails_at_start_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        using var services = new ServiceCollection().AddLogging().AddRoamifyProvider(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RoamifyOptions>>().Value);

        Assert.Contains("Roamify:AccessToken", error.Message);
    }

    [Fact]
    public void Base_url_is_production_unless_configured()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Roamify:AccessToken"] = "roamify_test",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddRoamifyProvider(configuration).BuildServiceProvider();

        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(RoamifyClient));

        Assert.Equal(new Uri("https://api.getroamify.com/"), http.BaseAddress);
        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
    }

    [Fact]
    public void Base_url_comes_from_configuration_and_gets_a_trailing_slash()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Roamify:AccessToken"] = "roamify_test",
            ["Roamify:BaseUrl"] = "https://api-dev.getroamify.com",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddRoamifyProvider(configuration).BuildServiceProvider();

        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(RoamifyClient));

        Assert.Equal(new Uri(RoamifyOptions.DevelopmentBaseUrl), http.BaseAddress);
    }
}
