using DotNet.Testcontainers.Configurations;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace Storefront.Tests.Support;

/// <summary>
/// A live SQL Server for the tests that need one: STOREFRONT_TEST_SQLSERVER (a connection string) when set, otherwise a
/// throwaway container when a Docker engine answers. No package on the build machines provides SQL Server, so there
/// those tests are reported as skipped, by name (see <see cref="SqlServerFactAttribute"/>). When the variable is set,
/// the tests always run and fail if the server does not answer.
/// </summary>
public static class TestSqlServer
{
    public const string Variable = "STOREFRONT_TEST_SQLSERVER";
    private const string Image = "mcr.microsoft.com/mssql/server:2022-latest";

    private static readonly Lazy<(string? ConnectionString, string? Unavailable)> Server = new(Find);

    /// <summary>Why the SQL Server tests cannot run here, or null when they can.</summary>
    public static string? Unavailable => Server.Value.Unavailable;

    /// <summary>A connection string for a new, uniquely named database (created by the test's first migration).</summary>
    public static string NewDatabase() =>
        new SqlConnectionStringBuilder(Server.Value.ConnectionString ?? throw new InvalidOperationException(Unavailable))
        {
            InitialCatalog = "sf_" + Guid.NewGuid().ToString("N")[..16],
            TrustServerCertificate = true,
        }.ConnectionString;

    private static (string?, string?) Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured) return (configured, null);
        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is null)
            return (null, $"No SQL Server here: set {Variable} to a connection string, or run where a Docker engine answers.");
        try
        {
            var container = new MsSqlBuilder(Image).Build();
            container.StartAsync().GetAwaiter().GetResult();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return (container.GetConnectionString(), null);
        }
        catch (Exception e)
        {
            return (null, $"A Docker engine answers but the SQL Server container did not start ({e.GetType().Name}: {e.Message}); set {Variable} to use a server instead.");
        }
    }
}

/// <summary>A test that needs a live SQL Server: skipped, with the reason, where none is reachable.</summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public SqlServerFactAttribute()
    {
        if (TestSqlServer.Unavailable is { } reason) Skip = reason;
    }
}
