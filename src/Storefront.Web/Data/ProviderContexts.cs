using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Storefront.Data;

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
