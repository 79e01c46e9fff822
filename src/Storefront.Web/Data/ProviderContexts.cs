using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Storefront.Data;

/// <summary>The embedded default: one SQLite file. Migrations in migrations/Sqlite.</summary>
public sealed class SqliteStoreDb(DbContextOptions<SqliteStoreDb> options) : StorefrontDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot compare or order DateTimeOffset text; store it as a sortable integer instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL. Migrations in migrations/Postgres.</summary>
public sealed class PostgresStoreDb(DbContextOptions<PostgresStoreDb> options) : StorefrontDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // A LIKE 'prefix%' uses a b-tree index only with the pattern operator class, unless the database's collation is C.
        modelBuilder.Entity<Storefront.Domain.Esim>().HasIndex(Features.Admin.Orders.SearchKeys.IccidReversed).HasOperators("text_pattern_ops");
    }
}

/// <summary>SQL Server. Migrations in migrations/SqlServer.</summary>
public sealed class SqlServerStoreDb(DbContextOptions<SqlServerStoreDb> options) : StorefrontDbContext(options);

// `dotnet dotnet-ef` builds each context through these factories. The connection strings are never opened by
// `migrations add` or `migrations script`; they only pick the provider whose SQL is generated.

internal sealed class SqliteStoreDbDesignFactory : IDesignTimeDbContextFactory<SqliteStoreDb>
{
    public SqliteStoreDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteStoreDb>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresStoreDbDesignFactory : IDesignTimeDbContextFactory<PostgresStoreDb>
{
    public PostgresStoreDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresStoreDb>().UseNpgsql("Host=localhost;Database=storefront_design_time").Options);
}

internal sealed class SqlServerStoreDbDesignFactory : IDesignTimeDbContextFactory<SqlServerStoreDb>
{
    public SqlServerStoreDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerStoreDb>().UseSqlServer("Server=localhost;Database=storefront_design_time;Integrated Security=true;TrustServerCertificate=true").Options);
}
