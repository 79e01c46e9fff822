using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Storefront.Tests.Support;

namespace Storefront.Tests.Hosting;

/// <summary>
/// The production host (src/Storefront.Web, what the Docker image runs) carries no simulators: nothing is simulated
/// because a credential is missing, and the sandbox setting is refused rather than ignored.
/// </summary>
public sealed class ProductionHostTests
{
    [Fact]
    public void Production_host_refuses_the_sandbox_setting_because_it_carries_no_simulators()
    {
        using var host = ProductionHost("Staging", new() { ["Sandbox:Enabled"] = "true" });

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("Sandbox:Enabled is true, but this build carries no simulators", error.ToString());
    }

    [Fact]
    public void Production_host_without_credentials_stops_naming_them_instead_of_simulating()
    {
        using var host = ProductionHost("Staging", []);

        var message = Assert.ThrowsAny<Exception>(() => host.CreateClient()).ToString();

        Assert.Contains("Stripe:SecretKey is missing", message);
        Assert.Contains("Citrus:ApiKey is required", message);
        Assert.Contains("Smtp:Host is required", message);
    }

    [Fact]
    public async Task Sandbox_host_with_mail_sent_for_real_shows_no_mail_viewer()
    {
        await using var store = await StoreFactory.StartAsync(mail: TestMail.Maildev);
        using var http = store.CreateBrowserClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/sandbox/mail")).StatusCode);
        Assert.DoesNotContain("/sandbox/mail", await http.GetStringAsync("/"));
    }

    private static WebApplicationFactory<Program> ProductionHost(string environment, Dictionary<string, string?> settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            web.UseContentRoot(TestEnvironment.RepositoryRoot);
            web.UseSetting("ConnectionStrings:Storefront", $"Data Source={Path.Combine(Path.GetTempPath(), $"prod-host-{Guid.NewGuid():N}.db")}");
            foreach (var (key, value) in settings) web.UseSetting(key, value);
        });
}
