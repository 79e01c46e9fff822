using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Storefront.Data;
using Storefront.Tests.Support;

namespace Storefront.Tests.Data;

/// <summary>The hand-written migrations build exactly the schema the model expects, on both databases.</summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_create_every_table_and_column_of_the_model_on_sqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"migrations-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new StorefrontDbContext(new DbContextOptionsBuilder<StorefrontDbContext>().UseSqlite($"Data Source={file}").Options);
            await AssertSchemaMatchesModelAsync(db, (connection, table) => Columns(connection,
                $"SELECT name, \"notnull\" = 0 FROM pragma_table_info('{table}')"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Migrations_create_every_table_and_column_of_the_model_on_postgres()
    {
        var name = "mig_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString + ";Database=postgres"))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin).ExecuteNonQueryAsync();
        }
        try
        {
            await using var db = new StorefrontDbContext(new DbContextOptionsBuilder<StorefrontDbContext>()
                .UseNpgsql(TestEnvironment.PostgresConnectionString + $";Database={name}").Options);
            await AssertSchemaMatchesModelAsync(db, (connection, table) => Columns(connection,
                $"SELECT column_name, is_nullable = 'YES' FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}'"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString + ";Database=postgres");
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
    }

    private static async Task AssertSchemaMatchesModelAsync(StorefrontDbContext db,
        Func<DbConnection, string, Task<Dictionary<string, bool>>> readColumns)
    {
        await db.Database.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());

        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var problems = new List<string>();
        foreach (var table in model.Tables)
        {
            var actual = await readColumns(connection, table.Name);
            if (actual.Count == 0) { problems.Add($"table {table.Name} is missing"); continue; }
            foreach (var column in table.Columns)
            {
                if (!actual.TryGetValue(column.Name, out var nullable)) problems.Add($"{table.Name}.{column.Name} is missing");
                else if (nullable != column.IsNullable) problems.Add($"{table.Name}.{column.Name} nullable={nullable}, model says {column.IsNullable}");
            }
            foreach (var extra in actual.Keys.Except(table.Columns.Select(c => c.Name)))
                problems.Add($"{table.Name}.{extra} is not in the model");
        }
        Assert.Empty(problems);
    }

    private static async Task<Dictionary<string, bool>> Columns(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new Dictionary<string, bool>();
        while (await reader.ReadAsync()) columns[reader.GetString(0)] = reader.GetBoolean(1);
        return columns;
    }
}
