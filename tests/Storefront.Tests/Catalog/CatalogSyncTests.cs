using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Features.Catalog;
using Storefront.Infrastructure;
using Storefront.Providers;

namespace Storefront.Tests.Catalog;

/// <summary>The sync's own rules, against a real (SQLite) database and a catalogue given by the test.</summary>
public sealed class CatalogSyncTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"sync-{Guid.NewGuid():N}.db");
    private StorefrontDbContext _db = null!;

    public async Task InitializeAsync()
    {
        _db = new SqliteStoreDb(new DbContextOptionsBuilder<SqliteStoreDb>().UseSqlite($"Data Source={_file}").Options);
        await _db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task Package_that_disappears_upstream_stops_being_sold_but_its_orders_keep_their_snapshot()
    {
        var catalog = new CatalogProvider(
            Package("FR-1GB", "France 1 GB", ["FR"], 1024, 7, 3.00m),
            Package("EU-5GB", "Europe 5 GB", ["FR", "DE", "IT"], 5120, 30, 9.00m, Coverage.Regional));
        await SyncAsync(catalog);
        var plan = await _db.Plans.AsNoTracking().SingleAsync(p => p.Sku == "test:FR-1GB");
        var order = Order.Create("a@example.com", "Ana", plan.Snapshot(), DateTimeOffset.UtcNow);
        _db.Orders.Add(order);
        await _db.SaveChangesAsync();

        catalog.Packages = [Package("EU-5GB", "Europe 5 GB", ["FR", "DE", "IT"], 5120, 30, 10.00m, Coverage.Regional)];
        await SyncAsync(catalog);

        _db.ChangeTracker.Clear();
        var retired = await _db.Plans.SingleAsync(p => p.Sku == "test:FR-1GB");
        Assert.False(retired.IsActive);
        var regional = await _db.Plans.Include(p => p.Countries).SingleAsync(p => p.Sku == "test:EU-5GB");
        Assert.True(regional.IsActive);
        Assert.Equal(["DE", "FR", "IT"], regional.Countries.Select(c => c.CountryIso2).Order());
        Assert.Equal(14.99m, regional.Price); // the new cost: $10.00 × 1.4 = $14.00, rounded up to .99
        var kept = await _db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id);
        Assert.Equal(plan.Price, kept.Plan.Price);
        Assert.Equal("France 1 GB", kept.Plan.Name);
        Assert.True(await _db.Countries.AnyAsync(c => c.Iso2 == "DE" && c.IsActive));
    }

    [Fact]
    public async Task Country_with_nothing_left_on_sale_is_hidden()
    {
        var catalog = new CatalogProvider(Package("JP-1GB", "Japan 1 GB", ["JP"], 1024, 7, 2.00m), Package("KR-1GB", "Korea 1 GB", ["KR"], 1024, 7, 2.00m));
        await SyncAsync(catalog);
        catalog.Packages = [Package("JP-1GB", "Japan 1 GB", ["JP"], 1024, 7, 2.00m)];
        await SyncAsync(catalog);

        Assert.False((await _db.Countries.AsNoTracking().SingleAsync(c => c.Iso2 == "KR")).IsActive);
        Assert.True((await _db.Countries.AsNoTracking().SingleAsync(c => c.Iso2 == "JP")).IsActive);
        Assert.Equal("Japan", (await _db.Countries.AsNoTracking().SingleAsync(c => c.Iso2 == "JP")).Name);
    }

    private async Task SyncAsync(IEsimProvider provider)
    {
        var pricing = Options.Create(new PricingOptions());
        await new CatalogSync(_db, provider, new PricingCalculator(pricing), pricing, TimeProvider.System, NullLogger<CatalogSync>.Instance)
            .RunAsync(CancellationToken.None);
    }

    private static UpstreamPackage Package(string id, string name, string[] countries, long mb, int days, decimal cost, Coverage coverage = Coverage.Local) =>
        new(id, name, coverage, countries, mb, days, IsUnlimited: false, TopUpAllowed: true, cost, RecommendedRetailUsd: null, RequiresTravelDate: false);

    /// <summary>A provider whose catalogue the test sets; the sync is the thing under test, not an adapter.</summary>
    private sealed class CatalogProvider(params UpstreamPackage[] packages) : IEsimProvider, ITopUps
    {
        public UpstreamPackage[] Packages { get; set; } = packages;
        public string Name => "test";
        public Task<UpstreamCatalog> FetchCatalogAsync(CancellationToken ct) => Task.FromResult(new UpstreamCatalog([], Packages));
        public Task<UpstreamEsim?> FindEsimAsync(ProvisionRequest request, CancellationToken ct) => throw new NotSupportedException();
        public Task<UpstreamEsim> CreateEsimAsync(ProvisionRequest request, CancellationToken ct) => throw new NotSupportedException();
        public Task<EsimReading> ReadEsimAsync(string iccid, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<UpstreamPackage>> ListTopUpsAsync(string iccid, CancellationToken ct) => throw new NotSupportedException();
        public Task<TopUpResult> TopUpAsync(string iccid, TopUpRequest request, CancellationToken ct) => throw new NotSupportedException();
        public Task<TopUpResult?> FindTopUpAsync(string iccid, TopUpRequest request, CancellationToken ct) => throw new NotSupportedException();
    }
}
