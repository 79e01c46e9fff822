using Storefront.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.CloudeSim;

namespace Storefront.Tests.Providers.CloudeSim;

public class CatalogTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Catalog_maps_base_packages_with_data_in_mb_validity_in_days_and_the_cost()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);

        var usa = Assert.Single(catalog.Packages, p => p.Id == "ESIM_1GB_7D_US");
        Assert.Equal(("USA 1GB 7 Days", Coverage.Local, 1024L, 7, 3.50m), (usa.Name, usa.Coverage, usa.DataMb, usa.ValidityDays, usa.CostUsd));
        Assert.Equal(["US"], usa.CountryIso2s);
        Assert.False(usa.IsUnlimited);
        Assert.False(usa.RequiresTravelDate);
        Assert.Equal(10240L, Assert.Single(catalog.Packages, p => p.Id == "ESIM_10GB_30D_US").DataMb);
        Assert.InRange(catalog.Packages.Count, 30, 45);
        Assert.InRange(catalog.Packages.Where(p => p.Coverage == Coverage.Local).SelectMany(p => p.CountryIso2s).Distinct().Count(), 15, 20);
        Assert.DoesNotContain(catalog.Packages, p => p.Id.StartsWith("TOPUP_"));
        Assert.Empty(catalog.Countries);
    }

    [Fact]
    public async Task Regional_and_global_packages_carry_the_countries_they_cover()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);

        var europe = Assert.Single(catalog.Packages, p => p.Id == "ESIM_3GB_15D_EU");
        Assert.Equal(Coverage.Regional, europe.Coverage);
        Assert.Contains("FR", europe.CountryIso2s);
        Assert.Contains("DE", europe.CountryIso2s);
        Assert.DoesNotContain("US", europe.CountryIso2s);
        Assert.InRange(europe.CountryIso2s.Count, 27, 40);
        Assert.Equal(Coverage.Regional, Assert.Single(catalog.Packages, p => p.Id == "ESIM_5GB_30D_ASIA").Coverage);
        var global = Assert.Single(catalog.Packages, p => p.Id == "ESIM_5GB_30D_GLOBAL");
        Assert.Equal(Coverage.Global, global.Coverage);
        Assert.True(global.CountryIso2s.Count > 40);
        Assert.All(catalog.Packages, p => Assert.All(p.CountryIso2s, c => Assert.Matches("^[A-Z]{2}$", c)));
    }

    [Fact]
    public async Task A_package_may_be_topped_up_only_when_a_top_up_package_fits_it()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);

        bool TopUp(string id) => Assert.Single(catalog.Packages, p => p.Id == id).TopUpAllowed;
        Assert.True(TopUp("ESIM_1GB_7D_US"));
        Assert.True(TopUp("ESIM_3GB_15D_EU"));
        Assert.True(TopUp("ESIM_1GB_7D_GLOBAL"));
        Assert.True(TopUp("ESIM_5GB_15D_TH")); // listed by package code
        Assert.False(TopUp("ESIM_1GB_7D_TH"));
        Assert.False(TopUp("ESIM_1GB_7D_FR"));
    }

    [Fact]
    public async Task Packages_are_filtered_by_location_type_and_code()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();

        var japan = await sandbox.Client.ListPackagesAsync(new CloudeSimPackageFilter(LocationCode: "JP"), None);
        var japanBase = await sandbox.Client.ListPackagesAsync(new CloudeSimPackageFilter(LocationCode: "JP", Type: CloudeSimPackageTypes.Base), None);
        var one = await sandbox.Client.ListPackagesAsync(new CloudeSimPackageFilter(PackageCode: "ESIM_1GB_7D_US"), None);

        Assert.All(japan, p => Assert.Equal("JP", p.LocationCode));
        Assert.Contains(japan, p => p.Type == CloudeSimPackageTypes.TopUp);
        Assert.Equal(japan.Count - 1, japanBase.Count);
        var usa = Assert.Single(one);
        Assert.Equal(("USA 1GB 7 Days", 3.50m, "USD", 7, 1024m, "US", "BASE"),
            (usa.Name, usa.Price, usa.CurrencyCode, usa.Duration, usa.Volume, usa.LocationCode, usa.Type));
    }

    [Fact]
    public void Missing_api_token_fails_at_start_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        using var services = new ServiceCollection().AddLogging().AddCloudeSimProvider(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CloudeSimOptions>>().Value);

        Assert.Contains("CloudeSim:ApiToken", error.Message);
    }

    [Fact]
    public void An_smdp_address_given_as_a_url_fails_at_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CloudeSim:ApiToken"] = "token",
            ["CloudeSim:SmdpAddress"] = "https://rsp.example.com/",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddCloudeSimProvider(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CloudeSimOptions>>().Value);

        Assert.Contains("CloudeSim:SmdpAddress", error.Message);
    }

    [Fact]
    public void Base_url_defaults_to_cloudesim_v1_and_capabilities_match_the_api()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CloudeSim:ApiToken"] = "token",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddCloudeSimProvider(configuration).BuildServiceProvider();

        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(CloudeSimClient));
        var provider = services.GetRequiredService<IEsimProvider>();

        Assert.Equal(new Uri("https://api.cloud-esim.com/api/v1/"), http.BaseAddress);
        Assert.Equal("cloudesim", provider.Name);
        Assert.Equal(["IResellerBalance", "ITermination", "ITopUps"], Capabilities.Of(provider));
    }
}
