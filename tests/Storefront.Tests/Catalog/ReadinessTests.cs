using System.Net;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Tests.Support;

namespace Storefront.Tests.Catalog;

/// <summary>
/// On a new database nothing is on sale until the first catalogue sync succeeds: the store must not report ready, and
/// its pages say the catalogue is loading instead of showing an empty store.
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Store_is_not_ready_and_says_the_catalogue_is_loading_until_the_first_sync_succeeds()
    {
        await using var store = new StoreFactory(settings: new Dictionary<string, string?>
        {
            ["Sandbox:Citrus:Faults:0:Path"] = "rates",
            ["Sandbox:Citrus:Faults:0:Method"] = "GET",
            ["Sandbox:Citrus:Faults:0:Kind"] = "error",
            ["Sandbox:Citrus:Faults:0:Status"] = "500",
        });
        store.StartServer();
        using var http = store.CreateBrowserClient();
        await WaitForAsync(() => store.Logs.Lines.Any(l => l.Contains("Catalogue sync failed")), "the first catalogue sync to fail");

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/healthz/ready")).StatusCode);
        foreach (var path in new[] { "/", "/destinations", "/destinations/jp" })
        {
            var loading = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, loading.StatusCode);
            Assert.True(loading.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.NotNull((await Shopper.ParseAsync(loading)).QuerySelector("#catalog-loading"));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/sandbox/citrus/__sim/faults")).StatusCode);
        store.Services.GetRequiredService<IRecurringJobManager>().Trigger("catalog-sync");
        await store.WaitUntilAsync(db => db.Plans.AnyAsync(p => p.IsActive), "the catalogue sync once Citrus answers");

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/ready")).StatusCode);
        var home = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var page = await Shopper.ParseAsync(home);
        Assert.Null(page.QuerySelector("#catalog-loading"));
        Assert.NotEmpty(page.QuerySelectorAll("#all-destinations li"));
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
