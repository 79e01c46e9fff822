using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Storefront.Data;
using Storefront.Infrastructure;

namespace Storefront.Features.Admin;

/// <summary>The two staff roles: Admin may do everything; Support reads orders, resends emails and adds notes.</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Support = "Support";
    public static readonly IReadOnlyList<string> All = [Admin, Support];
}

/// <summary>The authorization policies of the admin area, named on its controllers and on the jobs dashboard.</summary>
public static class StaffPolicies
{
    /// <summary>Any staff member (Admin or Support).</summary>
    public const string Staff = "staff";
    /// <summary>Admin only.</summary>
    public const string AdminOnly = "admin-only";
}

/// <summary>
/// The base of every page under /admin: staff only (anonymous users are sent to the sign-in page, others get 403),
/// never cached, and no link followed from it sends the address on (order pages name customers).
/// </summary>
[Authorize(Policy = StaffPolicies.Staff)]
public abstract class AdminController : Controller
{
    /// <summary>Who is acting, as written in audit entries and on the timeline.</summary>
    protected string StaffName => User.Identity?.Name ?? "unknown staff";

    public override void OnActionExecuting(ActionExecutingContext context)
    {
        Response.KeepPrivate();
        base.OnActionExecuting(context);
    }
}

public static class AdminAreaExtensions
{
    public const string SignInPath = "/admin/signin";

    /// <summary>
    /// The admin area under /admin. Staff accounts with ASP.NET Core Identity, stored in the store's database: passwords
    /// of at least 12 characters, an account locked for 15 minutes after 5 wrong passwords, an HttpOnly SameSite=Strict
    /// cookie that is Secure (and __Host- prefixed) wherever the store runs on HTTPS. Then the order search's columns
    /// and the work the order actions queue.
    /// </summary>
    public static WebApplicationBuilder AddAdminArea(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentity<IdentityUser, IdentityRole>(o =>
            {
                // Length over composition rules (as NIST SP 800-63B, section 5.1.1.2, advises): generated passwords are long and random.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<StorefrontDbContext>();

        var plainHttp = builder.Environment.RunsOnPlainHttp();
        services.ConfigureApplicationCookie(o =>
        {
            // The __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and for the whole site.
            o.Cookie.Name = plainHttp ? "storefront-staff" : "__Host-storefront-staff";
            o.Cookie.SecurePolicy = plainHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = SignInPath;
            o.LogoutPath = "/admin/signout";
            o.ReturnUrlParameter = "returnUrl";
            // A page asked for without a session goes to the sign-in page and back; anything else (a form posted after the
            // session ended, a script) gets a plain 401, as a redirect would drop what it sent.
            o.Events.OnRedirectToLogin = context =>
            {
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                    context.Response.Redirect(context.RedirectUri);
                else
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
            // Signed in without the role: a plain 403 (the store's error page), not a redirect to a page that says less.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Staff, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.All))
            .AddPolicy(StaffPolicies.AdminOnly, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Admin));
        services.AddScoped<StaffAccounts>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, Orders.SearchKeyWriter>();
        services.AddScoped<Orders.OrderDetailsReader>();
        return builder;
    }

    /// <summary>Makes sure both roles exist, in the sandbox that the demo admin can sign in, and that orders saved before
    /// the admin search existed can be found.</summary>
    public static async Task PrepareAdminAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await Orders.SearchKeyBackfill.FillMissingAsync(scope.ServiceProvider.GetRequiredService<StorefrontDbContext>());
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        await accounts.EnsureRolesAsync();
        if (scope.ServiceProvider.GetRequiredService<SandboxMode>().AnyPart)
            await accounts.EnsureSandboxAdminAsync();
    }
}
