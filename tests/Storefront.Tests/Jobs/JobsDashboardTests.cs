using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Tests.Support;

namespace Storefront.Tests.Jobs;

/// <summary>
/// The Hangfire dashboard at /admin/jobs is for signed-in staff only. Every request here comes over loopback, which
/// Hangfire's default filter would let in, so these prove the store's own filter is the one in charge.
/// </summary>
public sealed class JobsDashboardTests
{
    [Theory]
    [InlineData("/admin/jobs")]
    [InlineData("/admin/jobs/jobs/succeeded")]
    [InlineData("/admin/jobs/recurring")]
    public async Task Anonymous_request_over_loopback_is_refused(string path)
    {
        await using var store = new StoreFactory();
        store.StartServer();
        using var http = store.CreateBrowserClient();

        var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Background jobs", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signed_in_user_without_a_staff_role_is_forbidden()
    {
        await using var store = StartWithTestSignIn();
        using var http = store.CreateBrowserClient();

        var response = await http.SendAsync(SignedIn("/admin/jobs", "customer@example.com"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Background jobs", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Staff")]
    [InlineData("Admin")]
    public async Task Signed_in_staff_see_the_dashboard(string role)
    {
        await using var store = StartWithTestSignIn();
        using var http = store.CreateBrowserClient();

        var response = await http.SendAsync(SignedIn("/admin/jobs/recurring", "ana@wanderlink.example", role));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Background jobs", page);
        Assert.Contains("catalog-sync", page);
    }

    private static StoreFactory StartWithTestSignIn()
    {
        var store = new StoreFactory().WithServices(s => s.AddSingleton<IStartupFilter, TestSignIn>());
        store.StartServer();
        return store;
    }

    private static HttpRequestMessage SignedIn(string path, string name, params string[] roles)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(TestSignIn.UserHeader, name);
        if (roles.Length > 0) request.Headers.Add(TestSignIn.RolesHeader, string.Join(",", roles));
        return request;
    }

    /// <summary>Stands in for the staff sign-in the store does not have yet: a user named by a header, in the roles of another.</summary>
    private sealed class TestSignIn : IStartupFilter
    {
        public const string UserHeader = "X-Test-User";
        public const string RolesHeader = "X-Test-Roles";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(UserHeader, out var name))
                {
                    var claims = new List<Claim> { new(ClaimTypes.Name, name.ToString()) };
                    claims.AddRange(context.Request.Headers[RolesHeader].ToString()
                        .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(role => new Claim(ClaimTypes.Role, role)));
                    context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));
                }
                await nextMiddleware();
            });
            next(app);
        };
    }
}
