using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Domain;

namespace Storefront.Features.Admin.Orders;

/// <summary>
/// Two indexed columns that only the admin search reads, kept up to date on every save: the customer's email in lower
/// case (addresses are stored as typed, and lower() in a query would pass the index by), and the ICCID reversed, so
/// "the last digits of an ICCID" is a prefix search an index answers (a suffix search is a full scan).
/// </summary>
public static class SearchKeys
{
    public const string EmailKey = "EmailSearchKey";
    public const string IccidReversed = "IccidReversed";

    public static string Email(string email) => email.Trim().ToLowerInvariant();

    public static string Reversed(string iccid)
    {
        var characters = iccid.Trim().ToCharArray();
        Array.Reverse(characters);
        return new string(characters);
    }
}

internal sealed class OrderSearchKeyConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.Property<string>(SearchKeys.EmailKey).HasMaxLength(254);
        b.HasIndex(SearchKeys.EmailKey);
        b.HasIndex(o => o.PaymentIntentId);
        b.HasIndex(o => o.CreatedAt);
    }
}

internal sealed class EsimSearchKeyConfiguration : IEntityTypeConfiguration<Esim>
{
    public void Configure(EntityTypeBuilder<Esim> b)
    {
        b.Property<string>(SearchKeys.IccidReversed).HasMaxLength(32);
        b.HasIndex(SearchKeys.IccidReversed);
    }
}

/// <summary>Fills the search columns of every order and eSIM being saved, and of rows saved before they existed.</summary>
internal sealed class SearchKeyWriter : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Fill(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Fill(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Fill(DbContext? db)
    {
        if (db is null) return;
        foreach (var entry in db.ChangeTracker.Entries<Order>().Where(e => e.State is EntityState.Added or EntityState.Modified))
            SetIfChanged(entry.Property(SearchKeys.EmailKey), SearchKeys.Email(entry.Entity.CustomerEmail));
        foreach (var entry in db.ChangeTracker.Entries<Esim>().Where(e => e.State is EntityState.Added or EntityState.Modified))
            SetIfChanged(entry.Property(SearchKeys.IccidReversed), entry.Entity.Iccid is { } iccid ? SearchKeys.Reversed(iccid) : null);
    }

    private static void SetIfChanged(Microsoft.EntityFrameworkCore.ChangeTracking.PropertyEntry property, string? value)
    {
        if (!Equals(property.CurrentValue, value)) property.CurrentValue = value;
    }
}

internal static class SearchKeyBackfill
{
    /// <summary>Rows saved before the search columns existed get them filled, a batch at a time (at start; cheap when none).</summary>
    public static async Task FillMissingAsync(Data.StorefrontDbContext db, CancellationToken ct = default)
    {
        while (await db.Orders.Where(o => EF.Property<string?>(o, SearchKeys.EmailKey) == null).Take(500).ToListAsync(ct) is { Count: > 0 } orders)
        {
            foreach (var order in orders) db.Entry(order).Property(SearchKeys.EmailKey).CurrentValue = SearchKeys.Email(order.CustomerEmail);
            await db.SaveChangesAsync(ct);
        }
        while (await db.Esims.Where(e => e.Iccid != null && EF.Property<string?>(e, SearchKeys.IccidReversed) == null).Take(500).ToListAsync(ct) is { Count: > 0 } esims)
        {
            foreach (var esim in esims) db.Entry(esim).Property(SearchKeys.IccidReversed).CurrentValue = SearchKeys.Reversed(esim.Iccid!);
            await db.SaveChangesAsync(ct);
        }
    }
}
