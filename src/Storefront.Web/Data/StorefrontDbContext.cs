using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain;

namespace Storefront.Data;

/// <summary>
/// The store's one database, as the rest of the code sees it. Each provider has its own subclass (SqliteStoreDb,
/// PostgresStoreDb, SqlServerStoreDb) only so that each has its own generated migrations and model snapshot under
/// migrations/; the subclass is registered as this type, so nothing else knows which provider runs. Staff accounts and
/// roles (ASP.NET Core Identity, the AspNet* tables) live here too, so every provider keeps them with the orders.
/// </summary>
public abstract class StorefrontDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options)
{
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Esim> Esims => Set<Esim>();
    public DbSet<EsimPackage> EsimPackages => Set<EsimPackage>();
    public DbSet<OrderEvent> OrderEvents => Set<OrderEvent>();
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanCountry> PlanCountries => Set<PlanCountry>();
    public DbSet<WorkItem> WorkItems => Set<WorkItem>();
    public DbSet<InboxEvent> InboxEvents => Set<InboxEvent>();
    public DbSet<StoreSetting> Settings => Set<StoreSetting>();
    public DbSet<DataProtectionKeyRecord> DataProtectionKeys => Set<DataProtectionKeyRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StorefrontDbContext).Assembly);
        // Ids are made in code (Guid.NewGuid) when the entity is created, so a child added to a loaded aggregate is
        // recognised as new rather than taken for an existing row.
        foreach (var key in modelBuilder.Model.GetEntityTypes().Select(e => e.FindPrimaryKey()).OfType<Microsoft.EntityFrameworkCore.Metadata.IMutableKey>())
            foreach (var property in key.Properties.Where(p => p.ClrType == typeof(Guid)))
                property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
    }
}
