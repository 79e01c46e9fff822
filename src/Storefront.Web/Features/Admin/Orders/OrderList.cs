using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Infrastructure;

namespace Storefront.Features.Admin.Orders;

/// <summary>
/// What the order list shows, all of it in the URL (/admin/orders?q=…&amp;status=…&amp;page=2) so a view can be bookmarked
/// and shared. Values that do not parse are ignored rather than refused: a stale bookmark still opens.
/// </summary>
public sealed class OrderListQuery
{
    public const int PageSize = 50;

    /// <summary>One box for an order number, an email address, an ICCID (whole, or its last 4+ digits), a Stripe payment
    /// intent (pi_…) or Checkout Session id (cs_…).</summary>
    public string? Q { get; set; }
    public OrderStatus? Status { get; set; }
    public OrderKind? Kind { get; set; }
    public string? Provider { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    /// <summary>The "needs attention" queue: those orders only, oldest first unless another sort is chosen.</summary>
    public bool Attention { get; set; }
    public OrderSort? Sort { get; set; }
    public int Page { get; set; } = 1;

    public OrderSort EffectiveSort => Sort ?? (Attention ? OrderSort.Oldest : OrderSort.Newest);

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Q) || Status is not null || Kind is not null || !string.IsNullOrEmpty(Provider)
                              || From is not null || To is not null || Attention;

    /// <summary>This query's URL parameters with some changed (null removes one), for links to other pages and sorts.</summary>
    public string Url(string path, int? page = null, OrderSort? sort = null)
    {
        var parameters = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) parameters.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("q", Q?.Trim());
        Add("status", Status?.ToString());
        Add("kind", Kind?.ToString());
        Add("provider", Provider);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (Attention) Add("attention", "true");
        Add("sort", (sort ?? Sort)?.ToString());
        if ((page ?? 1) > 1) Add("page", page!.Value.ToString(CultureInfo.InvariantCulture));
        return parameters.Count == 0 ? path : $"{path}?{string.Join("&", parameters)}";
    }
}

/// <summary>By date only: SQLite cannot order by a decimal, and staff look for orders by when they happened.</summary>
public enum OrderSort { Newest, Oldest, RecentlyUpdated }

/// <summary>How staff read each status, and the colour of its badge.</summary>
public static class StatusLabels
{
    public static (string Text, string Tone) Of(OrderStatus status) => status switch
    {
        OrderStatus.AwaitingPayment => ("Awaiting payment", "neutral"),
        OrderStatus.Abandoned => ("Abandoned", "neutral"),
        OrderStatus.Paid => ("Paid, provisioning", "info"),
        OrderStatus.Provisioned => ("Provisioned, emailing", "info"),
        OrderStatus.Delivered => ("Delivered", "ok"),
        OrderStatus.NeedsAttention => ("Needs attention", "bad"),
        OrderStatus.Refunded => ("Refunded", "warn"),
        _ => (status.ToString(), "neutral"),
    };
}

public sealed record OrderRow(
    string Number, DateTimeOffset CreatedAt, OrderStatus Status, OrderKind Kind, string CustomerEmail, string PlanName,
    string Provider, decimal Price, decimal? AmountPaid, string Currency, string? AttentionReason);

public sealed record OrderListViewModel(OrderListQuery Query, IReadOnlyList<OrderRow> Rows, int Total, int Pages, bool CanExport);

/// <summary>The orders that match a query, as one index-backed EF query (shared by the list and the CSV export).</summary>
public static partial class OrderSearch
{
    public static IQueryable<Order> Matching(StorefrontDbContext db, OrderListQuery query)
    {
        var orders = db.Orders.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q)) orders = Search(db, orders, query.Q.Trim());
        if (query.Attention) orders = orders.Where(o => o.Status == OrderStatus.NeedsAttention);
        if (query.Status is { } status) orders = orders.Where(o => o.Status == status);
        if (query.Kind is { } kind) orders = orders.Where(o => o.Kind == kind);
        if (!string.IsNullOrEmpty(query.Provider)) orders = orders.Where(o => o.Plan.Provider == query.Provider);
        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            orders = orders.Where(o => o.CreatedAt >= start);
        }
        if (query.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            orders = orders.Where(o => o.CreatedAt < end);
        }
        return query.EffectiveSort switch
        {
            OrderSort.Oldest => orders.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id),
            OrderSort.RecentlyUpdated => orders.OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.Id),
            _ => orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id),
        };
    }

    /// <summary>
    /// Each kind of key is recognised by its shape and looked up through its own index: an email (has @), a payment
    /// intent (pi_), a Checkout Session (cs_), an ICCID (digits only: whole, or the last 4 or more), else an order number.
    /// </summary>
    private static IQueryable<Order> Search(StorefrontDbContext db, IQueryable<Order> orders, string term)
    {
        if (term.Contains('@'))
        {
            var email = SearchKeys.Email(term);
            return orders.Where(o => EF.Property<string>(o, SearchKeys.EmailKey) == email);
        }
        if (term.StartsWith("pi_", StringComparison.Ordinal)) return orders.Where(o => o.PaymentIntentId == term);
        if (term.StartsWith("cs_", StringComparison.Ordinal)) return orders.Where(o => o.CheckoutSessionId == term);
        if (Digits().IsMatch(term))
        {
            if (term.Length < 4) return orders.Where(_ => false);
            var reversed = SearchKeys.Reversed(term);
            var esims = db.Esims.Where(e => EF.Property<string>(e, SearchKeys.IccidReversed).StartsWith(reversed));
            // The order that bought the eSIM and every top-up of it.
            return orders.Where(o => esims.Any(e => e.OrderId == o.Id) || esims.Any(e => e.Id == o.TopUpEsimId));
        }
        var number = term.ToUpperInvariant();
        if (!number.StartsWith("SF-", StringComparison.Ordinal)) number = "SF-" + number;
        return orders.Where(o => o.Number == number);
    }

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex Digits();
}

/// <summary>/admin/orders: search, filters, sort and paging; one exact hit opens the order. /admin/orders/export.csv: the
/// same orders, all of them, as CSV (admins only: it is every customer's email at once).</summary>
public sealed class OrderListController(StorefrontDbContext db) : AdminController
{
    [HttpGet("/admin")]
    public IActionResult Home() => LocalRedirect("/admin/orders");

    [HttpGet("/admin/orders")]
    public async Task<IActionResult> List([FromQuery] OrderListQuery query, CancellationToken ct)
    {
        query.Page = Math.Max(1, query.Page);
        var matching = OrderSearch.Matching(db, query);
        var total = await matching.CountAsync(ct);
        if (total == 1 && !string.IsNullOrWhiteSpace(query.Q))
            return LocalRedirect(OrderDetailsController.PathOf(await matching.Select(o => o.Number).SingleAsync(ct)));
        var rows = await matching.Skip((query.Page - 1) * OrderListQuery.PageSize).Take(OrderListQuery.PageSize)
            .Select(o => new OrderRow(o.Number, o.CreatedAt, o.Status, o.Kind, o.CustomerEmail, o.Plan.Name, o.Plan.Provider,
                o.Plan.Price, o.AmountPaid, o.Plan.Currency, o.AttentionReason))
            .ToListAsync(ct);
        var pages = Math.Max(1, (total + OrderListQuery.PageSize - 1) / OrderListQuery.PageSize);
        return View("OrderList", new OrderListViewModel(query, rows, total, pages, User.IsInRole(StaffRoles.Admin)));
    }

    [HttpGet("/admin/orders/export.csv")]
    [Authorize(Policy = StaffPolicies.AdminOnly)]
    public async Task Export([FromQuery] OrderListQuery query, CancellationToken ct)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"orders-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
        // Escape: a customer named "=HYPERLINK(…)" stays text when the file is opened in a spreadsheet.
        await using var csv = CsvWriter.Create(Response.Body, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteHeader(OrderCsvRow.Header);
        // Streamed row by row as the database returns them: no page limit, and nothing held in memory.
        var rows = OrderSearch.Matching(db, query).Select(o => new OrderCsvRow(o.Number, o.CreatedAt, o.Status, o.Kind, o.CustomerEmail,
            o.CustomerName, o.Plan.Name, o.Plan.Provider, o.Plan.CountryIso2, o.Plan.Currency, o.Plan.Price, o.AmountPaid, o.Plan.CostUsd,
            o.PaidAt, o.DeliveredAt)).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
            await csv.WriteRecordAsync(row.Fields(), ct);
        await csv.FlushAsync(ct);
    }
}

public sealed record OrderCsvRow(
    string Number, DateTimeOffset CreatedAt, OrderStatus Status, OrderKind Kind, string CustomerEmail, string CustomerName, string Plan,
    string Provider, string? Country, string Currency, decimal Price, decimal? AmountPaid, decimal UpstreamCostUsd, DateTimeOffset? PaidAt,
    DateTimeOffset? DeliveredAt)
{
    public static readonly string[] Header =
    [
        "Number", "CreatedAt", "Status", "Kind", "CustomerEmail", "CustomerName", "Plan", "Provider", "Country", "Currency", "Price",
        "AmountPaid", "UpstreamCostUsd", "PaidAt", "DeliveredAt",
    ];

    public string[] Fields() =>
    [
        Number, Time(CreatedAt)!, Status.ToString(), Kind.ToString(), CustomerEmail, CustomerName, Plan, Provider, Country ?? "", Currency,
        Amount(Price)!, Amount(AmountPaid) ?? "", Amount(UpstreamCostUsd)!, Time(PaidAt) ?? "", Time(DeliveredAt) ?? "",
    ];

    private static string? Amount(decimal? value) => value?.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string? Time(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
