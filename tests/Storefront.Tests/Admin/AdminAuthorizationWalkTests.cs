using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Features.Admin;
using Storefront.Tests.Support;

namespace Storefront.Tests.Admin;

/// <summary>
/// Every endpoint under /admin, read from the store's routing table (so a new one cannot be forgotten), requested
/// anonymously and as Support. Only the sign-in and sign-out endpoints are open.
/// </summary>
public sealed partial class AdminAuthorizationWalkTests
{
    private static readonly string[] Open = ["/admin/signin", "/admin/signout"];

    /// <summary>What Support may not do (routes by prefix); everything else under /admin is for any staff member.</summary>
    private static readonly string[] AdminOnly = ["/admin/jobs", "/admin/orders/export.csv"];

    [Fact]
    public async Task Every_admin_endpoint_sends_anonymous_users_to_the_sign_in_page()
    {
        await using var store = await StoreFactory.StartAsync();
        using var anonymous = Staff.Anonymous(store);
        var endpoints = AdminEndpoints(store);
        Assert.Contains(endpoints, e => e.Route == "/admin/orders");
        Assert.Contains(endpoints, e => e.Route.StartsWith("/admin/jobs", StringComparison.Ordinal));

        var open = new List<string>();
        foreach (var (route, method) in endpoints.Where(e => !Open.Contains(e.Route)))
        {
            var response = await anonymous.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), Concrete(route)));
            var refused = response.StatusCode == HttpStatusCode.Unauthorized
                          || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery().StartsWith("/admin/signin?", StringComparison.Ordinal));
            if (!refused) open.Add($"{method} {route}: {(int)response.StatusCode}");
        }

        Assert.True(open.Count == 0, "Admin endpoints open to anonymous users:\n" + string.Join("\n", open));
    }

    [Fact]
    public async Task Support_is_forbidden_every_admin_only_endpoint_and_only_those()
    {
        await using var store = await StoreFactory.StartAsync();
        using var support = await Staff.SignInAsync(store, StaffRoles.Support);
        var endpoints = AdminEndpoints(store).Where(e => !Open.Contains(e.Route)).ToList();

        var wrong = new List<string>();
        foreach (var (route, method) in endpoints)
        {
            var adminOnly = AdminOnly.Any(prefix => route.StartsWith(prefix, StringComparison.Ordinal));
            var response = await support.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), Concrete(route)));
            if (adminOnly != (response.StatusCode == HttpStatusCode.Forbidden))
                wrong.Add($"{method} {route}: {(int)response.StatusCode} for Support, expected {(adminOnly ? "403" : "anything but 403")}");
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Contains(endpoints, e => AdminOnly.Any(prefix => e.Route.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_admin_endpoint_names_a_staff_policy_and_admin_only_ones_the_admin_policy()
    {
        await using var store = await StoreFactory.StartAsync();
        var wrong = new List<string>();
        foreach (var endpoint in store.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = RouteOf(endpoint);
            if (!route.StartsWith("/admin", StringComparison.Ordinal) || Open.Contains(route)) continue;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var expected = AdminOnly.Any(prefix => route.StartsWith(prefix, StringComparison.Ordinal)) ? StaffPolicies.AdminOnly : StaffPolicies.Staff;
            if (!policies.Contains(expected)) wrong.Add($"{route}: policies [{string.Join(", ", policies)}], expected {expected}");
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static List<(string Route, string Method)> AdminEndpoints(StoreFactory store) =>
        store.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: RouteOf(e), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]))
            .Where(e => e.Route.StartsWith("/admin", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Select(m => (e.Route, m)))
            .Distinct().ToList();

    private static string RouteOf(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText!.TrimStart('/');

    /// <summary>A URL the route matches: each parameter given a value its constraint accepts.</summary>
    private static string Concrete(string route) => Parameter().Replace(route, m =>
        m.Groups["catchall"].Success ? "recurring"
        : m.Groups["constraint"].Value.Contains("guid") ? Guid.NewGuid().ToString()
        : m.Groups["constraint"].Value.Contains("int") ? "1"
        : "SF-AAAAAA");

    [GeneratedRegex(@"\{(?<catchall>\*\*?)?(?<name>\w+)(?<constraint>:[^}]*)?\??\}")]
    private static partial Regex Parameter();
}
