namespace Storefront.Tests.Support;

/// <summary>
/// What the test script (scripts/test.sh) started for this run: a throwaway PostgreSQL, a maildev SMTP server and
/// Chromium. Tests that need one fail with a clear message when it is missing; they never skip silently.
/// </summary>
public static class TestEnvironment
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>e.g. Host=127.0.0.1;Port=55432;Username=app;Password=app</summary>
    public static string PostgresConnectionString => Require("STOREFRONT_TEST_POSTGRES");

    public static int MaildevSmtpPort => int.Parse(Require("STOREFRONT_TEST_MAILDEV_SMTP"));

    public static Uri MaildevApi => new($"http://127.0.0.1:{Require("STOREFRONT_TEST_MAILDEV_WEB")}/");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("STOREFRONT_TEST_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>Where browser tests write screenshots to look at.</summary>
    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("STOREFRONT_TEST_SCREENSHOTS") ?? Path.Combine(RepositoryRoot, "artifacts", "screenshots");

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests through scripts/test.sh, which starts PostgreSQL and maildev.");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Storefront.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Could not find Storefront.sln above the test output directory.");
    }
}
