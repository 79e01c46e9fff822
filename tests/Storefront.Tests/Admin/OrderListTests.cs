using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain;
using Storefront.Features.Admin;
using Storefront.Tests.Support;

namespace Storefront.Tests.Admin;

public sealed class OrderListTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Each_search_key_finds_the_one_order_and_opens_it(TestDatabase database)
    {
        await using var store = await StoreFactory.StartAsync(database);
        using var shopper = new Shopper(store);
        var number = await shopper.BuyAsync(email: "Maria.Garcia@Example.com");
        var order = await store.OrderAsync(number);
        var iccid = order.Esims.Single().Iccid!;
        using var admin = await Staff.SignInAsync(store, StaffRoles.Support);

        string[] keys =
        [
            number, number.ToLowerInvariant(), number["SF-".Length..],
            "maria.garcia@example.com", " MARIA.GARCIA@EXAMPLE.COM ",
            iccid, iccid[^4..], iccid[^8..],
            order.PaymentIntentId!, order.CheckoutSessionId!,
        ];
        foreach (var key in keys)
        {
            var response = await admin.Http.GetAsync("/admin/orders?q=" + Uri.EscapeDataString(key));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Searching {key}: {(int)response.StatusCode}");
            Assert.Equal($"/admin/orders/{number}", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task A_search_with_several_matches_lists_them_and_one_with_none_says_so()
    {
        await using var store = await StoreFactory.StartAsync();
        var seeded = new AdminOrders(store);
        var first = await seeded.SeedAsync("ana@example.com", Monday);
        var second = await seeded.SeedAsync("ana@example.com", Monday.AddDays(1));
        using var admin = await Staff.SignInAsync(store);

        var list = await admin.GetPageAsync("/admin/orders?q=ana%40example.com");
        var none = await admin.GetPageAsync("/admin/orders?q=nobody%40example.com");
        var tooShort = await admin.GetPageAsync("/admin/orders?q=12");

        Assert.Equal([second, first], list.QuerySelectorAll("a.order-number").Select(a => a.TextContent).ToArray());
        Assert.Equal("No orders match.", none.QuerySelector(".empty")!.TextContent);
        Assert.NotNull(tooShort.QuerySelector(".empty"));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Status_provider_dates_and_the_attention_queue_narrow_the_list(TestDatabase database)
    {
        await using var store = await StoreFactory.StartAsync(database);
        var seeded = new AdminOrders(store);
        var awaiting = await seeded.SeedAsync("a@example.com", Monday);
        var abandoned = await seeded.SeedAsync("b@example.com", Monday.AddDays(1), OrderStatus.Abandoned);
        var olderAttention = await seeded.SeedAsync("c@example.com", Monday.AddDays(2), OrderStatus.NeedsAttention);
        var newerAttention = await seeded.SeedAsync("d@example.com", Monday.AddDays(3), OrderStatus.NeedsAttention);
        var paid = await seeded.SeedAsync("e@example.com", Monday.AddDays(4), OrderStatus.Paid);
        using var admin = await Staff.SignInAsync(store, StaffRoles.Support);

        async Task<string[]> Listed(string query) =>
            (await admin.GetPageAsync("/admin/orders?" + query)).QuerySelectorAll("a.order-number").Select(a => a.TextContent).ToArray();

        Assert.Equal([abandoned], await Listed("status=Abandoned"));
        Assert.Equal([olderAttention, newerAttention], await Listed("attention=true"));
        Assert.Equal([newerAttention, olderAttention], await Listed("attention=true&sort=Newest"));
        Assert.Equal([olderAttention, abandoned], await Listed("from=2026-11-03&to=2026-11-04"));
        Assert.Equal([paid, newerAttention, olderAttention, abandoned, awaiting], await Listed("provider=citrus&kind=Esim&from=2026-11-01&to=2026-11-30"));
        Assert.Empty(await Listed("provider=roamify&from=2026-11-01&to=2026-11-30"));
        Assert.Empty(await Listed("kind=TopUp&from=2026-11-01&to=2026-11-30"));
        // A stale or hand-edited URL still opens.
        Assert.Equal(5, (await Listed("status=NoSuchStatus&from=2026-11-01&to=2026-11-30&page=-3")).Length);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Pages_show_every_order_once_and_their_links_keep_the_filters(TestDatabase database)
    {
        await using var store = await StoreFactory.StartAsync(database);
        var seeded = await new AdminOrders(store).SeedManyAsync(120, "bulk@example.com", Monday, OrderStatus.Abandoned);
        using var admin = await Staff.SignInAsync(store);

        var seen = new List<string>();
        var url = "/admin/orders?status=Abandoned";
        for (var page = 1; page <= 3; page++)
        {
            var document = await admin.GetPageAsync(url);
            Assert.Contains($"page {page} of 3", document.QuerySelector("#result-count")!.TextContent);
            seen.AddRange(document.QuerySelectorAll("a.order-number").Select(a => a.TextContent));
            url = document.QuerySelector("#next-page")?.GetAttribute("href") ?? "";
            if (page < 3) Assert.Equal($"/admin/orders?status=Abandoned&page={page + 1}", url);
        }

        Assert.Equal("", url);
        Assert.Equal(Enumerable.Reverse(seeded), seen);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Csv_export_has_every_filtered_order_not_just_one_page(TestDatabase database)
    {
        await using var store = await StoreFactory.StartAsync(database);
        var seeded = new AdminOrders(store);
        var bulk = await seeded.SeedManyAsync(120, "bulk@example.com", Monday, OrderStatus.Abandoned);
        await seeded.SeedAsync("other@example.com", Monday, OrderStatus.Paid);
        using var admin = await Staff.SignInAsync(store);

        var response = await admin.Http.GetAsync("/admin/orders/export.csv?status=Abandoned");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment;", response.Content.Headers.ContentDisposition!.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Number,CreatedAt,Status,Kind,CustomerEmail,CustomerName,Plan,Provider,Country,Currency,Price,AmountPaid,UpstreamCostUsd", lines[0]);
        Assert.Equal(bulk.Order(), lines.Skip(1).Select(l => l.Split(',')[0]).Order());
        Assert.All(lines.Skip(1), l => Assert.Contains(",Abandoned,Esim,bulk@example.com,", l));
    }

    [Fact]
    public async Task Csv_export_keeps_a_formula_in_a_customer_name_as_text()
    {
        await using var store = await StoreFactory.StartAsync();
        await new AdminOrders(store).SeedAsync("eve@example.com", Monday, name: "=HYPERLINK(\"http://evil.example\")");
        using var admin = await Staff.SignInAsync(store);

        var csv = await admin.Http.GetStringAsync("/admin/orders/export.csv?q=eve%40example.com");

        Assert.DoesNotContain(",=HYPERLINK", csv);
        Assert.DoesNotContain(",\"=HYPERLINK", csv);
        Assert.Contains("HYPERLINK", csv);
    }

    [Fact]
    public async Task Orders_saved_before_the_search_columns_existed_are_found_once_the_start_up_backfill_ran()
    {
        await using var store = await StoreFactory.StartAsync();
        var number = await new AdminOrders(store).SeedAsync("Old.Order@Example.com", Monday);
        await store.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"Orders\" SET \"EmailSearchKey\" = NULL"));

        await using var scope = store.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Storefront.Data.StorefrontDbContext>();
        await Storefront.Features.Admin.Orders.SearchKeyBackfill.FillMissingAsync(db);
        using var admin = await Staff.SignInAsync(store);

        var response = await admin.Http.GetAsync("/admin/orders?q=old.order%40example.com");
        Assert.Equal($"/admin/orders/{number}", response.Headers.Location!.OriginalString);
    }
}
