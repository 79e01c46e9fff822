using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Domain;

namespace Storefront.Data;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("Orders");
        b.HasKey(o => o.Id);
        b.Property(o => o.Number).HasMaxLength(20);
        b.HasIndex(o => o.Number).IsUnique();
        b.Property(o => o.AccessToken).HasMaxLength(64);
        b.HasIndex(o => o.AccessToken).IsUnique();
        b.Property(o => o.CustomerEmail).HasMaxLength(254);
        b.HasIndex(o => o.CustomerEmail);
        b.Property(o => o.CustomerName).HasMaxLength(200);
        b.Property(o => o.CheckoutSessionId).HasMaxLength(255);
        b.HasIndex(o => o.CheckoutSessionId);
        b.Property(o => o.PaymentIntentId).HasMaxLength(255);
        b.Property(o => o.AttentionReason).HasMaxLength(1000);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasIndex(o => o.TopUpEsimId);
        b.HasIndex(o => new { o.Status, o.CreatedAt });
        b.ComplexProperty(o => o.Plan, p =>
        {
            p.Property(x => x.Sku).HasMaxLength(200);
            p.Property(x => x.Provider).HasMaxLength(40);
            p.Property(x => x.Name).HasMaxLength(200);
            p.Property(x => x.CountryIso2).HasMaxLength(2);
            p.Property(x => x.CoverageName).HasMaxLength(40);
            p.Property(x => x.UpstreamPackageId).HasMaxLength(200);
            p.Property(x => x.Currency).HasMaxLength(3);
        });
        b.HasMany(o => o.Esims).WithOne().HasForeignKey(e => e.OrderId);
        b.Navigation(o => o.Esims).HasField("_esims");
        b.HasMany(o => o.Events).WithOne().HasForeignKey(e => e.OrderId);
        b.Navigation(o => o.Events).HasField("_events");
    }
}

internal sealed class EsimConfiguration : IEntityTypeConfiguration<Esim>
{
    public void Configure(EntityTypeBuilder<Esim> b)
    {
        b.ToTable("Esims");
        b.HasKey(e => e.Id);
        b.Property(e => e.Provider).HasMaxLength(40);
        b.Property(e => e.Reference).HasMaxLength(40);
        b.Property(e => e.Iccid).HasMaxLength(32);
        b.HasIndex(e => new { e.Provider, e.Iccid }).IsUnique();
        b.Property(e => e.UpstreamId).HasMaxLength(100);
        b.Property(e => e.UpstreamOrderReference).HasMaxLength(100);
        b.Property(e => e.ActivationCodeProtected).HasMaxLength(2000);
        b.HasMany(e => e.Packages).WithOne().HasForeignKey(p => p.EsimId);
        b.Navigation(e => e.Packages).HasField("_packages");
    }
}

internal sealed class EsimPackageConfiguration : IEntityTypeConfiguration<EsimPackage>
{
    public void Configure(EntityTypeBuilder<EsimPackage> b)
    {
        b.ToTable("EsimPackages");
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.UpstreamPackageId).HasMaxLength(200);
    }
}

internal sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> b)
    {
        b.ToTable("OrderEvents");
        b.HasKey(e => e.Id);
        b.Property(e => e.Kind).HasMaxLength(60);
        b.Property(e => e.Message).HasMaxLength(1000);
        b.HasIndex(e => new { e.OrderId, e.At });
    }
}

internal sealed class CountryConfiguration : IEntityTypeConfiguration<Country>
{
    public void Configure(EntityTypeBuilder<Country> b)
    {
        b.ToTable("Countries");
        b.HasKey(c => c.Iso2);
        b.Property(c => c.Iso2).HasMaxLength(2);
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Networks).HasMaxLength(4000);
        b.Ignore(c => c.NetworkRates);
    }
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.ToTable("Plans");
        b.HasKey(p => p.Id);
        b.Property(p => p.Sku).HasMaxLength(200);
        b.HasIndex(p => p.Sku).IsUnique();
        b.Property(p => p.Provider).HasMaxLength(40);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.CountryIso2).HasMaxLength(2);
        b.HasIndex(p => new { p.CountryIso2, p.IsActive });
        b.Property(p => p.UpstreamPackageId).HasMaxLength(200);
        b.Property(p => p.Currency).HasMaxLength(3);
        b.Ignore(p => p.RetailPrice);
        b.Ignore(p => p.PricePerGb);
        b.HasMany(p => p.Countries).WithOne().HasForeignKey(c => c.PlanId);
    }
}

internal sealed class PlanCountryConfiguration : IEntityTypeConfiguration<PlanCountry>
{
    public void Configure(EntityTypeBuilder<PlanCountry> b)
    {
        b.ToTable("PlanCountries");
        b.HasKey(c => new { c.PlanId, c.CountryIso2 });
        b.Property(c => c.CountryIso2).HasMaxLength(2);
        b.HasIndex(c => c.CountryIso2);
    }
}

internal sealed class WorkItemConfiguration : IEntityTypeConfiguration<WorkItem>
{
    public void Configure(EntityTypeBuilder<WorkItem> b)
    {
        b.ToTable("WorkItems");
        b.HasKey(w => w.Id);
        b.Property(w => w.Kind).HasMaxLength(60);
        b.Property(w => w.DedupKey).HasMaxLength(200);
        b.HasIndex(w => w.DedupKey).IsUnique();
        b.Property(w => w.Payload).HasMaxLength(4000);
        b.Property(w => w.LastError).HasMaxLength(2000);
        b.HasIndex(w => new { w.Status, w.NextRunAt });
        b.HasIndex(w => w.OrderId);
    }
}

internal sealed class InboxEventConfiguration : IEntityTypeConfiguration<InboxEvent>
{
    public void Configure(EntityTypeBuilder<InboxEvent> b)
    {
        b.ToTable("InboxEvents");
        b.HasKey(e => e.Id);
        b.Property(e => e.Source).HasMaxLength(40);
        b.Property(e => e.ExternalId).HasMaxLength(255);
        b.Property(e => e.Type).HasMaxLength(100);
        b.Property(e => e.Subject).HasMaxLength(255);
        b.HasIndex(e => new { e.Source, e.ExternalId }).IsUnique();
    }
}

internal sealed class StoreSettingConfiguration : IEntityTypeConfiguration<StoreSetting>
{
    public void Configure(EntityTypeBuilder<StoreSetting> b)
    {
        b.ToTable("Settings");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(100);
        b.Property(s => s.Value).HasMaxLength(4000);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKeyRecord>
{
    public void Configure(EntityTypeBuilder<DataProtectionKeyRecord> b)
    {
        b.ToTable("DataProtectionKeys");
        b.HasKey(k => k.Id);
        b.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
