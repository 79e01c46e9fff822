using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Storefront.Data;
using Storefront.Domain;

namespace Storefront.Features.Orders;

/// <summary>
/// The queries behind the order and success pages, compiled once: these pages are what every customer opens from the
/// email and reloads while travelling, and preparing a LINQ query again on each view cost most of their time. Read
/// only (no tracking).
/// </summary>
public static class OrderPageQueries
{
    private static readonly PerModel<Func<StorefrontDbContext, string, CancellationToken, Task<Order?>>> ByTokenQuery = new(() =>
        EF.CompileAsyncQuery((StorefrontDbContext db, string token, CancellationToken _) =>
            db.Orders.AsNoTracking().Include(o => o.Esims).ThenInclude(e => e.Packages).SingleOrDefault(o => o.AccessToken == token)));

    private static readonly PerModel<Func<StorefrontDbContext, string, CancellationToken, Task<Order?>>> PaidBySessionQuery = new(() =>
        EF.CompileAsyncQuery((StorefrontDbContext db, string sessionId, CancellationToken _) =>
            db.Orders.AsNoTracking().Include(o => o.Esims).ThenInclude(e => e.Packages)
                .SingleOrDefault(o => o.CheckoutSessionId == sessionId && o.PaidAt != null)));

    private static readonly PerModel<Func<StorefrontDbContext, string, CancellationToken, Task<decimal?>>> CheapestPerGbUsdQuery = new(() =>
        EF.CompileAsyncQuery((StorefrontDbContext db, string iso2, CancellationToken _) =>
            db.Countries.Where(c => c.Iso2 == iso2).Select(c => c.CheapestPerGbUsd).SingleOrDefault()));

    private static readonly PerModel<Func<StorefrontDbContext, Guid, CancellationToken, Task<OriginalOrder?>>> OriginalOfQuery = new(() =>
        EF.CompileAsyncQuery((StorefrontDbContext db, Guid esimId, CancellationToken _) =>
            db.Orders.Where(o => o.Esims.Any(e => e.Id == esimId)).Select(o => new OriginalOrder(o.AccessToken, o.Number)).SingleOrDefault()));

    /// <summary>An order with its eSIMs and their packages.</summary>
    public static Task<Order?> ByToken(StorefrontDbContext db, string token, CancellationToken ct) => ByTokenQuery.For(db)(db, token, ct);

    /// <summary>The order a Checkout Session paid for, with its eSIMs and their packages, once it is paid (until then,
    /// the session is asked of Stripe).</summary>
    public static Task<Order?> PaidBySession(StorefrontDbContext db, string sessionId, CancellationToken ct) =>
        PaidBySessionQuery.For(db)(db, sessionId, ct);

    public static Task<decimal?> CheapestPerGbUsd(StorefrontDbContext db, string iso2, CancellationToken ct) =>
        CheapestPerGbUsdQuery.For(db)(db, iso2, ct);

    /// <summary>The order whose eSIM a top-up went onto: its link and number.</summary>
    public static Task<OriginalOrder?> OriginalOf(StorefrontDbContext db, Guid esimId, CancellationToken ct) => OriginalOfQuery.For(db)(db, esimId, ct);

    /// <summary>
    /// A compiled query runs against the one model it was compiled for, and each database provider has its own (the
    /// tests run several stores in one process): one compiled query per model.
    /// </summary>
    private sealed class PerModel<TQuery>(Func<TQuery> compile) where TQuery : class
    {
        private readonly ConditionalWeakTable<IModel, TQuery> _compiled = new();

        public TQuery For(DbContext db) => _compiled.GetValue(db.Model, _ => compile());
    }
}

public sealed record OriginalOrder(string AccessToken, string Number);
