using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Features.Admin;
using Storefront.Tests.Admin;
using Storefront.Tests.Support;

namespace Storefront.Tests.Jobs;

/// <summary>
/// The Hangfire dashboard at /admin/jobs is behind the staff sign-in, for the Admin role. Every request here comes over
/// loopback, which Hangfire's default filter would let in, so these prove the store's own checks are the ones in charge.
/// </summary>
public sealed class JobsDashboardTests
{
    [Theory]
    [InlineData("/admin/jobs")]
    [InlineData("/admin/jobs/jobs/succeeded")]
    [InlineData("/admin/jobs/recurring")]
    public async Task Anonymous_request_over_loopback_is_sent_to_the_sign_in_page(string path)
    {
        await using var store = new StoreFactory();
        store.StartServer();
        using var http = store.CreateBrowserClient();

        var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/signin?returnUrl=", response.Headers.Location!.PathAndQuery());
        Assert.DoesNotContain("Background jobs", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signed_in_user_without_a_staff_role_is_forbidden()
    {
        await using var store = new StoreFactory();
        store.StartServer();
        await using (var scope = store.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            Assert.True((await users.CreateAsync(new IdentityUser { UserName = "nobody@wanderlink.example", Email = "nobody@wanderlink.example" }, "no-role-password")).Succeeded);
        }
        using var user = Staff.Anonymous(store);
        await user.SubmitSignInAsync("nobody@wanderlink.example", "no-role-password");

        var response = await user.Http.GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Background jobs", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signed_in_support_is_forbidden()
    {
        await using var store = new StoreFactory();
        store.StartServer();
        using var support = await Staff.SignInAsync(store, StaffRoles.Support);

        var response = await support.Http.GetAsync("/admin/jobs/recurring");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Background jobs", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signed_in_admin_sees_the_dashboard()
    {
        await using var store = new StoreFactory();
        store.StartServer();
        using var admin = await Staff.SignInAsync(store, StaffRoles.Admin);

        var response = await admin.Http.GetAsync("/admin/jobs/recurring");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Background jobs", page);
        Assert.Contains("catalog-sync", page);
    }
}
