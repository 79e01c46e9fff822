using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Features.Admin;
using Storefront.Tests.Support;

namespace Storefront.Tests.Admin;

public sealed class StaffSignInTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Sandbox_demo_admin_signs_in_reaches_the_orders_and_signs_out(TestDatabase database)
    {
        await using var store = new StoreFactory(database);
        store.StartServer();
        using var staff = Staff.Anonymous(store);

        var signIn = await staff.GetPageAsync("/admin/signin");
        Assert.Contains(StaffAccounts.SandboxAdminEmail, signIn.QuerySelector(".sandbox-banner")!.TextContent);
        Assert.Contains(StaffAccounts.SandboxAdminPassword, signIn.QuerySelector(".sandbox-banner")!.TextContent);
        var response = await staff.SubmitSignInAsync(StaffAccounts.SandboxAdminEmail, StaffAccounts.SandboxAdminPassword, "/admin/orders?status=Delivered");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/orders?status=Delivered", response.Headers.Location!.OriginalString);

        var orders = await staff.GetPageAsync("/admin/orders");
        var signedOut = await staff.PostFormAsync(orders, "form.signout", []);
        Assert.Equal("/admin/signin", signedOut.Headers.Location!.OriginalString);
        var after = await staff.Http.GetAsync("/admin/orders");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/admin/signin", after.Headers.Location!.PathAndQuery());
    }

    [Fact]
    public async Task Staff_cookie_is_http_only_and_same_site_strict()
    {
        await using var store = new StoreFactory();
        store.StartServer();
        using var staff = Staff.Anonymous(store);

        var response = await staff.SubmitSignInAsync(StaffAccounts.SandboxAdminEmail, StaffAccounts.SandboxAdminPassword);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("storefront-staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Return_address_outside_the_admin_area_is_ignored()
    {
        await using var store = new StoreFactory();
        store.StartServer();
        using var staff = Staff.Anonymous(store);

        var response = await staff.SubmitSignInAsync(StaffAccounts.SandboxAdminEmail, StaffAccounts.SandboxAdminPassword, "https://evil.example/admin/");

        Assert.Equal("/admin/orders", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one_and_the_answer_does_not_say_so()
    {
        await using var store = new StoreFactory();
        store.StartServer();
        var (email, password) = await Staff.CreateAsync(store, StaffRoles.Support);
        using var staff = Staff.Anonymous(store);

        string? firstRefusal = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = await staff.SubmitSignInAsync(email, "not-the-password-" + attempt);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            firstRefusal ??= (await Shopper.ParseAsync(wrong)).QuerySelector("#signin-failed")!.TextContent;
        }
        var right = await staff.SubmitSignInAsync(email, password);

        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Equal(firstRefusal, (await Shopper.ParseAsync(right)).QuerySelector("#signin-failed")!.TextContent);
        await using var scope = store.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!));
    }

    [Fact]
    public async Task Sign_in_without_the_anti_forgery_token_is_refused()
    {
        await using var store = new StoreFactory();
        store.StartServer();
        using var http = store.CreateBrowserClient();

        var response = await http.PostAsync("/admin/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = StaffAccounts.SandboxAdminEmail,
            ["Password"] = StaffAccounts.SandboxAdminPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("storefront-staff=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_are_refused_with_429()
    {
        await using var store = new StoreFactory(settings: new Dictionary<string, string?> { ["RateLimits:AdminSignIn:PermitLimit"] = "2" });
        store.StartServer();
        using var staff = Staff.Anonymous(store);

        for (var attempt = 0; attempt < 2; attempt++)
            Assert.Equal(HttpStatusCode.BadRequest, (await staff.SubmitSignInAsync("nobody@example.com", "wrong-password-123")).StatusCode);
        var third = await staff.SubmitSignInAsync(StaffAccounts.SandboxAdminEmail, StaffAccounts.SandboxAdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Admin_create_command_prints_a_password_that_signs_in_to_the_given_role(TestDatabase database)
    {
        await using var store = new StoreFactory(database);
        store.StartServer();
        var output = new StringWriter();

        int exit;
        await using (var scope = store.Services.CreateAsyncScope())
            exit = await StaffCommand.RunAsync(scope.ServiceProvider.GetRequiredService<StaffAccounts>(),
                ["create", "--email", "lena@wanderlink.example", "--role", "Support"], piped: null, output, TextWriter.Null);

        Assert.Equal(0, exit);
        var password = output.ToString().Split("Password (shown once, not stored anywhere readable): ")[1].Trim();
        Assert.Equal(24, password.Length);
        using var staff = Staff.Anonymous(store);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitSignInAsync("lena@wanderlink.example", password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync("/admin/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Http.GetAsync("/admin/jobs")).StatusCode);
    }

    [Fact]
    public async Task Admin_create_command_takes_a_piped_password_and_prints_none()
    {
        await using var store = new StoreFactory();
        store.StartServer();
        var output = new StringWriter();

        await using (var scope = store.Services.CreateAsyncScope())
            Assert.Equal(0, await StaffCommand.RunAsync(scope.ServiceProvider.GetRequiredService<StaffAccounts>(),
                ["create", "--email", "omar@wanderlink.example"], new StringReader("correct horse battery staple\n"), output, TextWriter.Null));

        Assert.DoesNotContain("Password", output.ToString());
        using var staff = Staff.Anonymous(store);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitSignInAsync("omar@wanderlink.example", "correct horse battery staple")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync("/admin/jobs")).StatusCode);
    }

    [Fact]
    public async Task Admin_create_command_refuses_a_short_password_an_unknown_role_and_a_taken_email()
    {
        await using var store = new StoreFactory();
        store.StartServer();
        await using var scope = store.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();

        Assert.Equal(1, await StaffCommand.RunAsync(accounts, ["create", "--email", "a@wanderlink.example"], new StringReader("short\n"), TextWriter.Null, TextWriter.Null));
        Assert.Equal(1, await StaffCommand.RunAsync(accounts, ["create", "--email", "b@wanderlink.example", "--role", "Owner"], null, TextWriter.Null, TextWriter.Null));
        Assert.Equal(1, await StaffCommand.RunAsync(accounts, ["create", "--email", StaffAccounts.SandboxAdminEmail], null, TextWriter.Null, TextWriter.Null));
        Assert.Equal(2, await StaffCommand.RunAsync(accounts, ["create"], null, TextWriter.Null, TextWriter.Null));
    }
}

internal static class UriExtensions
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
