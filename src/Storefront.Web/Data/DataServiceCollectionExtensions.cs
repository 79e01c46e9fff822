using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Storefront.Domain;
using Storefront.Infrastructure;

namespace Storefront.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "Storefront";

    /// <summary>The database (SQLite by default, PostgreSQL or SQL Server when configured), data protection keys kept
    /// in it, and the readiness check.</summary>
    public static WebApplicationBuilder AddStorefrontData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        // Checked here, not only at start: the database is migrated before the host starts and validates options.
        if (database.Provider is not (DatabaseOptions.Sqlite or DatabaseOptions.Postgres or DatabaseOptions.SqlServer))
            throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions), [DatabaseOptions.UnknownProvider]);
        var connectionString = ResolveConnectionString(builder, database);

        // The provider's own subclass, registered as the neutral type the rest of the code injects. Pooled: a request
        // that reads one order (the order page) would otherwise spend a large part of its time setting up a context.
        switch (database.Provider)
        {
            case DatabaseOptions.Postgres:
                builder.Services.AddDbContextPool<StorefrontDbContext, PostgresStoreDb>((services, options) =>
                    options.UseNpgsql(connectionString).AddInterceptors(Interceptors(services)));
                break;
            case DatabaseOptions.SqlServer:
                builder.Services.AddDbContextPool<StorefrontDbContext, SqlServerStoreDb>((services, options) =>
                    options.UseSqlServer(connectionString).AddInterceptors(Interceptors(services)));
                break;
            case DatabaseOptions.Sqlite:
                builder.Services.AddDbContextPool<StorefrontDbContext, SqliteStoreDb>((services, options) =>
                    options.UseSqlite(connectionString).AddInterceptors(Interceptors(services)));
                break;
        }

        builder.Services.AddSingleton<IXmlRepository, DatabaseXmlRepository>();
        builder.Services.AddDataProtection().SetApplicationName("storefront");
        builder.Services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<IXmlRepository>((options, repository) => options.XmlRepository = repository);

        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        return builder;
    }

    private static IEnumerable<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor> Interceptors(IServiceProvider services) =>
        services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>();

    private static string ResolveConnectionString(WebApplicationBuilder builder, DatabaseOptions database)
    {
        var configured = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (database.Provider is DatabaseOptions.Postgres or DatabaseOptions.SqlServer)
            return string.IsNullOrWhiteSpace(configured)
                ? throw new OptionsValidationException(ConnectionStringName, typeof(DatabaseOptions),
                    [$"ConnectionStrings:Storefront is required when Database:Provider is {database.Provider}."])
                : configured;

        var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=data/storefront.db" : configured);
        if (!Path.IsPathRooted(sqlite.DataSource) && sqlite.DataSource != ":memory:")
            sqlite.DataSource = Path.Combine(builder.Environment.ContentRootPath, sqlite.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(sqlite.DataSource)!);
        sqlite.DefaultTimeout = 30;
        return sqlite.ToString();
    }

    /// <summary>Applies the provider's migrations (migrations/&lt;Provider&gt;/) before the app serves anything.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets the web requests read while the background worker writes.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.CloseConnectionAsync();
        }
        try
        {
            await db.Database.MigrateAsync();
        }
        catch (Exception failure)
        {
            await ExplainForeignMigrationHistoryAsync(db, failure);
            throw;
        }
    }

    /// <summary>
    /// A database whose history names migrations this build does not have (such as one made by the hand-written
    /// migrations before they were generated by dotnet ef) fails on its first "CREATE TABLE"; say why, and what to do.
    /// Asked only after a failure: on PostgreSQL, reading the history of a new database logs a failed command.
    /// </summary>
    private static async Task ExplainForeignMigrationHistoryAsync(StorefrontDbContext db, Exception failure)
    {
        List<string> unknown;
        try
        {
            var known = db.Database.GetMigrations().ToHashSet();
            unknown = (await db.Database.GetAppliedMigrationsAsync()).Where(id => !known.Contains(id)).ToList();
        }
        catch (Exception)
        {
            return; // the database itself is the problem: the original failure says more
        }
        if (unknown.Count == 0) return;
        throw new InvalidOperationException(
            $"The database ConnectionStrings:{ConnectionStringName} points to was migrated by another build of the store " +
            $"(migrations unknown here: {string.Join(", ", unknown)}). Databases made before the migrations were generated by " +
            "dotnet ef (2026-11) cannot be upgraded in place: delete the sandbox database (SQLite: the data/storefront.db file) " +
            "or point ConnectionStrings:Storefront at a new, empty database, then start again.", failure);
    }
}

/// <summary>Ready when the database answers and every migration is applied.</summary>
internal sealed class DatabaseReadyCheck(StorefrontDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
                return HealthCheckResult.Unhealthy("The database does not answer.");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database check failed.", e);
        }
    }
}

/// <summary>Keeps Data Protection keys in the database so every web node decrypts what another encrypted.</summary>
internal sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        return db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKeyRecord { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
