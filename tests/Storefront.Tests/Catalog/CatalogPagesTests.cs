using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Tests.Support;

namespace Storefront.Tests.Catalog;

public sealed class CatalogPagesTests
{
    [Fact]
    public async Task Catalogue_pages_make_no_upstream_calls()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        int UpstreamCalls() => store.Logs.Lines.Count(l => l.Contains("HTTP GET /sandbox/citrus/") || l.Contains("HTTP POST /sandbox/citrus/"));
        await Task.Delay(500);
        var before = UpstreamCalls();

        for (var i = 0; i < 3; i++)
        {
            await shopper.GetPageAsync("/");
            await shopper.GetPageAsync("/destinations?q=an");
            await shopper.GetPageAsync("/destinations/jp");
            await shopper.GetPageAsync("/destinations/br");
            await shopper.GetPageAsync("/checkout?plan=citrus:JP:5GB");
        }

        Assert.True(before >= 1, "The start-up sync read /rates from the simulator.");
        Assert.Equal(before, UpstreamCalls());
    }

    [Fact]
    public async Task Country_page_lists_networks_and_plans_priced_from_the_stored_rates()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);

        var page = await shopper.GetPageAsync("/destinations/jp");

        Assert.Equal("Japan eSIM", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("KDDI Corporation", page.QuerySelectorAll(".networks li").Select(li => li.TextContent));
        var plans = await store.WithDbAsync(db => db.Plans.Where(p => p.CountryIso2 == "JP" && p.IsActive).ToListAsync());
        Assert.Equal(["1 GB", "3 GB", "5 GB", "10 GB", "20 GB"], page.QuerySelectorAll(".plan .data").Select(d => d.TextContent));
        Assert.Equal(plans.OrderBy(p => p.DataGb).Select(p => p.RetailPrice.ToString()), page.QuerySelectorAll(".plan .price").Select(d => d.TextContent));
        var rate = await store.WithDbAsync(db => db.Countries.Where(c => c.Iso2 == "JP").Select(c => c.CheapestPerGbUsd).SingleAsync());
        Assert.Equal(1.38m, rate);
        Assert.All(plans, p => Assert.True(p.Price > p.CostUsd));
        Assert.Equal("/lib/flag-icons/jp.svg", page.QuerySelector(".flag-lg")!.GetAttribute("style")!.Split('\'')[1]);
    }

    [Fact]
    public async Task Search_finds_a_destination_by_name_or_iso_code()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);

        var byCode = await shopper.Http.GetAsync("/destinations?q=jp");
        var byName = await shopper.Http.GetAsync("/destinations?q=japan");
        var several = await shopper.GetPageAsync("/destinations?q=land");
        var none = await shopper.GetPageAsync("/destinations?q=atlantis");

        Assert.Equal("/destinations/jp", byCode.Headers.Location!.OriginalString);
        Assert.Equal("/destinations/jp", byName.Headers.Location!.OriginalString);
        Assert.Contains("Netherlands", several.QuerySelectorAll("#all-destinations .name").Select(n => n.TextContent));
        Assert.Contains("Iceland", several.QuerySelectorAll("#all-destinations .name").Select(n => n.TextContent));
        Assert.Contains("No destination matches", none.QuerySelector(".empty")!.TextContent);
        await shopper.GetPageAsync("/destinations/xx", HttpStatusCode.NotFound);
    }
}
