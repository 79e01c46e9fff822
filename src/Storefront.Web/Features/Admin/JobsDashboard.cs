using Hangfire;
using Hangfire.Dashboard;

namespace Storefront.Features.Admin;

/// <summary>
/// Hangfire's own check, behind the endpoint's policy: only signed-in admins. It must be set, because Hangfire's default
/// filter would admit every request from the machine itself, which behind a reverse proxy is every request.
/// </summary>
public sealed class AdminOnlyDashboard : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(StaffRoles.Admin);
    }
}

public static class JobsDashboard
{
    /// <summary>
    /// Hangfire's dashboard at /admin/jobs, behind the staff sign-in for the Admin role: the endpoint requires the
    /// admin-only policy (anonymous users are sent to the sign-in page, Support gets 403), and Hangfire's own filter
    /// (<see cref="AdminOnlyDashboard"/>) checks the role again.
    /// </summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard("/admin/jobs", new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboard()],
            AppPath = "/admin/orders",
            DashboardTitle = "Background jobs",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(StaffPolicies.AdminOnly);
        return app;
    }
}
