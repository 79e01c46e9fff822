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
        await AdminAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString + ";Database=postgres");
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
