using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Storefront.Features.Admin;

/// <summary>Creates staff accounts: from the command line (<see cref="StaffCommand"/>) and the sandbox's demo admin.</summary>
public sealed class StaffAccounts(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, ILogger<StaffAccounts> logger)
{
    /// <summary>
    /// The sandbox's demo admin, shown on the sandbox banner. Public on purpose, like the sandbox's test card: the
    /// sandbox refuses to start in Production, and a store with real credentials for every part has no demo admin.
    /// </summary>
    public const string SandboxAdminEmail = "demo-admin@sandbox.example";
    public const string SandboxAdminPassword = "sandbox-demo-admin";

    public async Task EnsureRolesAsync()
    {
        foreach (var role in StaffRoles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
    }

    public async Task EnsureSandboxAdminAsync()
    {
        if (await users.FindByEmailAsync(SandboxAdminEmail) is not null) return;
        await CreateAsync(SandboxAdminEmail, StaffRoles.Admin, SandboxAdminPassword);
    }

    /// <summary>Creates a staff member in <paramref name="role"/>; errors (a taken email, a short password) are returned, not thrown.</summary>
    public async Task<IReadOnlyList<string>> CreateAsync(string email, string role, string password)
    {
        if (!StaffRoles.All.Contains(role)) return [$"The role must be one of {string.Join(", ", StaffRoles.All)}."];
        await EnsureRolesAsync();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return created.Errors.Select(e => e.Description).ToList();
        Check(await users.AddToRoleAsync(user, role), $"add {email} to {role}");
        logger.LogInformation("Staff account created in role {Role}", role);
        return [];
    }

    /// <summary>24 characters from a 32-letter alphabet without look-alikes: 120 bits, easy to type from a terminal.</summary>
    public static string NewPassword() => RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 24);

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}

/// <summary>
/// <c>dotnet run --project src/Storefront.Web -- admin create --email ana@example.com [--role Admin|Support]</c>:
/// creates a staff account and prints a new random password once, or takes the password from standard input when
/// input is piped (<c>echo "$PASSWORD" | … admin create --email …</c>). The database is migrated first; the web server
/// is not started.
/// </summary>
public static class StaffCommand
{
    public const string Usage = "usage: admin create --email <address> [--role Admin|Support]   (password from stdin when piped, else one is generated and printed)";

    /// <summary>Runs the command when the arguments start with "admin"; returns false (doing nothing) otherwise.</summary>
    public static async Task<bool> RunStaffCommandAsync(this WebApplication app, string[] args)
    {
        if (args is not ["admin", ..]) return false;
        await using var scope = app.Services.CreateAsyncScope();
        Environment.ExitCode = await RunAsync(scope.ServiceProvider.GetRequiredService<StaffAccounts>(), args[1..],
            Console.IsInputRedirected ? Console.In : null, Console.Out, Console.Error);
        return true;
    }

    /// <summary>The command itself; <paramref name="piped"/> is standard input when it is not a terminal.</summary>
    public static async Task<int> RunAsync(StaffAccounts accounts, string[] args, TextReader? piped, TextWriter output, TextWriter error)
    {
        if (args is not ["create", .. var options] || Option(options, "--email") is not { Length: > 0 } email)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var role = Option(options, "--role") ?? StaffRoles.Admin;
        var typed = piped is null ? null : (await piped.ReadLineAsync())?.Trim();
        var password = string.IsNullOrEmpty(typed) ? StaffAccounts.NewPassword() : typed;

        var errors = await accounts.CreateAsync(email.Trim(), role, password);
        if (errors.Count > 0)
        {
            await error.WriteLineAsync($"Not created: {string.Join(" ", errors)}");
            return 1;
        }
        await output.WriteLineAsync($"Created {role} {email.Trim()}. Sign in at /admin/signin.");
        if (string.IsNullOrEmpty(typed))
            await output.WriteLineAsync($"Password (shown once, not stored anywhere readable): {password}");
        return 0;
    }

    private static string? Option(string[] options, string name)
    {
        var at = Array.IndexOf(options, name);
        return at >= 0 && at + 1 < options.Length ? options[at + 1] : null;
    }
}
