using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;

namespace Storefront.Features.Orders;

/// <summary>
/// The queries behind the order and success pages, compiled once: these pages are what every customer opens from the
/// email and reloads while travelling, and preparing a LINQ query again on each view cost most of their time. Read
/// only (no tracking). EF recompiles one by itself when it meets a context of another provider.
/// </summary>
public static class OrderPageQueries
{
    public static readonly Func<StorefrontDbContext, string, CancellationToken, Task<Order?>> ByToken =
        EF.CompileAsyncQuery((StorefrontDbContext db, string token, CancellationToken _) =>
            db.Orders.AsNoTracking().Include(o => o.Esims).ThenInclude(e => e.Packages).SingleOrDefault(o => o.AccessToken == token));

    /// <summary>The order a Checkout Session paid for, once it is paid (until then, the session is asked of Stripe).</summary>
    public static readonly Func<StorefrontDbContext, string, CancellationToken, Task<Order?>> PaidBySession =
        EF.CompileAsyncQuery((StorefrontDbContext db, string sessionId, CancellationToken _) =>
            db.Orders.AsNoTracking().Include(o => o.Esims).ThenInclude(e => e.Packages)
                .SingleOrDefault(o => o.CheckoutSessionId == sessionId && o.PaidAt != null));

    public static readonly Func<StorefrontDbContext, string, CancellationToken, Task<decimal?>> CheapestPerGbUsd =
        EF.CompileAsyncQuery((StorefrontDbContext db, string iso2, CancellationToken _) =>
            db.Countries.Where(c => c.Iso2 == iso2).Select(c => c.CheapestPerGbUsd).SingleOrDefault());

    /// <summary>The order whose eSIM a top-up went onto: its link and number.</summary>
    public static readonly Func<StorefrontDbContext, Guid, CancellationToken, Task<OriginalOrder?>> OriginalOf =
        EF.CompileAsyncQuery((StorefrontDbContext db, Guid esimId, CancellationToken _) =>
            db.Orders.Where(o => o.Esims.Any(e => e.Id == esimId)).Select(o => new OriginalOrder(o.AccessToken, o.Number)).SingleOrDefault());
}

public sealed record OriginalOrder(string AccessToken, string Number);
