using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Storefront.Data;

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
