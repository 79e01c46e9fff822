using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.PressOne;

namespace Storefront.Tests.Providers.PressOne;

public class CatalogTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Local_packages_carry_their_country_data_validity_cost_and_recommended_price()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);

        var japan = Assert.Single(catalog.Packages, p => p.Id == PressOneSandbox.JapanPackage);
        Assert.Equal(Coverage.Local, japan.Coverage);
        Assert.Equal(["JP"], japan.CountryIso2s);
        Assert.Equal(3072, japan.DataMb);
        Assert.Equal(15, japan.ValidityDays);
        Assert.False(japan.IsUnlimited);
        Assert.True(japan.TopUpAllowed);
        Assert.Equal(8m, japan.CostUsd);
        Assert.Equal(10m, japan.RecommendedRetailUsd);
        Assert.Equal("Japan 3 GB - 15 Days", japan.Name);
        Assert.False(japan.RequiresTravelDate);
    }

    [Fact]
    public async Task Regional_and_global_packages_list_every_country_they_cover()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);

        var europe = Assert.Single(catalog.Packages, p => p.Id == "eurolink-30days-5gb");
        Assert.Equal(Coverage.Regional, europe.Coverage);
        Assert.Contains("FR", europe.CountryIso2s);
        Assert.Contains("PL", europe.CountryIso2s);
        Assert.Equal(12, europe.CountryIso2s.Count);
        var world = Assert.Single(catalog.Packages, p => p.Id == "discover-global-7days-1gb");
        Assert.Equal(Coverage.Global, world.Coverage);
        Assert.Equal(16, world.CountryIso2s.Count);
        Assert.False(Assert.Single(catalog.Packages, p => p.Id == "afrilink-15days-1gb").TopUpAllowed);
    }

    [Fact]
    public async Task Catalog_has_about_forty_packages_over_fifteen_local_countries_and_no_top_ups()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);

        Assert.InRange(catalog.Packages.Count, 30, 50);
        Assert.Equal(15, catalog.Packages.Where(p => p.Coverage == Coverage.Local).SelectMany(p => p.CountryIso2s).Distinct().Count());
        Assert.DoesNotContain(catalog.Packages, p => p.Id.EndsWith("-topup") || p.Id.StartsWith("test-"));
        Assert.Contains(catalog.Countries, c => c is { Iso2: "NG", Name: "Nigeria" });
        Assert.Contains(catalog.Countries, c => c.Iso2 == "KE");
        Assert.All(catalog.Countries, c => Assert.Empty(c.Networks));
    }

    [Fact]
    public async Task Unlimited_package_has_no_data_amount()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);

        var unlimited = Assert.Single(catalog.Packages, p => p.Id == "albion-mobile-7days-unlimited");
        Assert.True(unlimited.IsUnlimited);
        Assert.Null(unlimited.DataMb);
        Assert.Equal(7, unlimited.ValidityDays);
    }

    [Fact]
    public async Task Voice_and_text_variants_are_listed_beside_the_data_only_package()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var us = await sandbox.Client.GetPackagesAsync(PressOnePackageTypes.Local, "us", false, null, null, None);

        var packages = Assert.Single(Assert.Single(us.Data).Operators!).Packages!;
        var voice = Assert.Single(packages, p => p.Voice is not null);
        Assert.Equal(("3 GB - 100 SMS - 100 Mins - 30 Days", 100, 100), (voice.Title, voice.Voice, voice.Text));
        Assert.Contains(packages, p => p is { Id: "liberty-wireless-30days-3gb", Voice: null, Text: null });
    }

    [Fact]
    public async Task Catalog_read_in_small_pages_equals_the_catalog_read_in_one()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var paged = sandbox.ProviderWith(o => o.PageSize = 4);

        var whole = await sandbox.Provider.FetchCatalogAsync(None);
        var inPages = await paged.FetchCatalogAsync(None);

        Assert.Equal(whole.Packages.Select(p => p.Id).Order(), inPages.Packages.Select(p => p.Id).Order());
        Assert.Equal(whole.Countries, inPages.Countries);
    }

    [Fact]
    public async Task Second_page_sent_as_an_object_keyed_by_index_is_read_in_order()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var page = await sandbox.Client.GetPackagesAsync(null, null, false, 4, 2, None);

        Assert.Equal(["spain", "italy", "turkey", "japan"], page.Data.Select(e => e.Slug));
        Assert.Equal((2, 5, 19), (page.Meta!.CurrentPage, page.Meta.LastPage, page.Meta.Total));
        Assert.Equal(4, page.Meta.PerPage);
    }

    [Fact]
    public async Task Type_filter_global_returns_the_regions_and_the_world()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var global = await sandbox.Client.GetAllPackagesAsync(PressOnePackageTypes.Global, null, false, None);

        Assert.Equal(["europe", "asia", "africa", "world"], global.Data.Select(e => e.Slug));
        Assert.All(global.Data, e => Assert.Equal("", e.CountryCode));
    }

    [Fact]
    public async Task Top_up_packages_are_listed_only_when_included()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var plain = await sandbox.Client.GetPackagesAsync(null, "JP", false, null, null, None);
        var withTopUps = await sandbox.Client.GetPackagesAsync(null, "JP", true, null, null, None);

        Assert.DoesNotContain(plain.Data[0].Operators![0].Packages!, p => p.Type == PressOnePackageTypes.TopUp);
        Assert.Contains(withTopUps.Data[0].Operators![0].Packages!, p => p is { Id: PressOneSandbox.JapanTopUp, Type: PressOnePackageTypes.TopUp });
    }

    [Fact]
    public async Task Under_discount_pricing_the_cost_is_the_price_less_the_discount()
    {
        await using var sandbox = await PressOneSandbox.StartAsync(o =>
        {
            o.PricingModel = "discount_pricing";
            o.DiscountPercentage = 15m;
        });

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);
        await sandbox.BuyAsync();

        var japan = Assert.Single(catalog.Packages, p => p.Id == PressOneSandbox.JapanPackage);
        Assert.Equal((8.5m, 10m), (japan.CostUsd, japan.RecommendedRetailUsd));
        Assert.Equal(500m - 8.5m, await sandbox.Provider.GetResellerBalanceAsync(None));
    }
}
