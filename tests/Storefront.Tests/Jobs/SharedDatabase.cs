using Npgsql;
using Storefront.Tests.Support;

namespace Storefront.Tests.Jobs;

/// <summary>A PostgreSQL database for more than one store host (two nodes, or one store and its restart), dropped at the end.</summary>
internal sealed class SharedDatabase : IAsyncDisposable
{
    private readonly string _name = "sf_shared_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString => TestEnvironment.PostgresConnectionString + $";Database={_name}";

    public static async Task<SharedDatabase> CreateAsync()
    {
        var database = new SharedDatabase();
        await AdminAsync($"CREATE DATABASE \"{database._name}\"");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // A server process PostgreSQL itself runs on the database (e.g. autovacuum) cannot be terminated by the test
        // user (42501); it ends by itself, so the drop is tried again. The cluster is a throwaway one either way.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AdminAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString + ";Database=postgres");
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
