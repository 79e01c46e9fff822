using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Storefront.Tests.Support;
using Xunit.Abstractions;

namespace Storefront.Tests.Browser;

/// <summary>
/// Every page in <see cref="CustomerPages"/> and <see cref="AdminPages"/> checked with axe-core in Chromium at phone and desktop widths: any serious
/// or critical violation fails; moderate and minor ones are printed to the test output and to
/// artifacts/accessibility/axe-walk.txt for people to read.
/// </summary>
public sealed class AccessibilityWalkTests(ITestOutputHelper output)
{
    public static readonly (string Name, BrowserNewContextOptions Options)[] Viewports =
    [
        ("phone", new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true }),
        ("desktop", new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } }),
    ];

    /// <summary>The customer's pages, then the admin area's (the first of which signs in).</summary>
    private static IReadOnlyList<WalkedPage> WalkedPages => [.. CustomerPages.Walked, .. AdminPages.Walked];

    [Fact]
    public async Task Every_customer_page_has_no_serious_or_critical_axe_violation_on_phone_and_desktop()
    {
        await using var stores = await WalkedStores.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BuyInBrowserTests.LaunchAsync(playwright);
        var contexts = new List<(string Name, IBrowserContext Context)>();
        foreach (var (name, options) in Viewports)
        {
            var context = await browser.NewContextAsync(options);
            await Axe.InstallAsync(context);
            contexts.Add((name, context));
        }
        var shots = new Screenshots("accessibility");
        var blocking = new List<string>();
        var report = new StringBuilder();

        foreach (var walked in WalkedPages)
        {
            var url = new Uri(stores.ServerAddress, await walked.Url(stores));
            foreach (var (viewport, context) in contexts)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(url.ToString());
                if (walked.Act is not null) await walked.Act(page);
                var violations = await Axe.CheckAsync(page);
                await shots.TakeAsync(page, $"{walked.Name}-{viewport}");
                await page.CloseAsync();
                foreach (var violation in violations)
                {
                    var line = $"{walked.Name} ({viewport}): {violation}";
                    report.AppendLine(line);
                    if (violation.IsBlocking) blocking.Add(line);
                }
            }
        }

        var text = report.Length == 0 ? "No axe violations on any walked page." : report.ToString();
        output.WriteLine($"Walked {WalkedPages.Count} page states at {Viewports.Length} widths.");
        output.WriteLine(text);
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(TestEnvironment.ScreenshotDirectory)!, "accessibility")).FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "axe-walk.txt"), text);
        Assert.True(blocking.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", blocking));
    }

    [Fact]
    public async Task Every_get_route_is_walked_or_excluded_with_a_reason()
    {
        await using var store = await StoreFactory.StartAsync();
        var routes = store.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct().Order().ToList();

        var walked = WalkedPages.Select(p => p.Route).ToHashSet();
        var excluded = CustomerPages.Excluded.Concat(AdminPages.Excluded).ToList();
        var forgotten = routes.Where(r => !walked.Contains(r) && !excluded.Any(x => r.StartsWith(x.RoutePrefix, StringComparison.Ordinal))).ToList();

        Assert.True(forgotten.Count == 0, "GET routes neither walked in CustomerPages.Walked or AdminPages.Walked nor excluded in their Excluded lists with a reason:\n"
                                          + string.Join("\n", forgotten));
        var stale = walked.Where(r => !routes.Contains(r)).ToList();
        Assert.True(stale.Count == 0, "CustomerPages.Walked or AdminPages.Walked names routes the store does not have:\n" + string.Join("\n", stale));
    }
}
