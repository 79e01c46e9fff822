using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Features.Admin;
using Storefront.Features.Install;
using Storefront.Tests.Support;

namespace Storefront.Tests.Admin;

public sealed class OrderDetailsTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Detail_shows_customer_plan_money_with_margin_the_esim_and_every_event_in_order_but_no_activation_code(TestDatabase database)
    {
        await using var store = await StoreFactory.StartAsync(database);
        using var shopper = new Shopper(store);
        var number = await shopper.BuyAsync(email: "maria@example.com");
        var order = await store.OrderAsync(number);
        var esim = order.Esims.Single();
        using var support = await Staff.SignInAsync(store, StaffRoles.Support);

        var page = await support.GetPageAsync($"/admin/orders/{number}");

        Assert.Equal($"Order {number}", page.QuerySelector("#order-number")!.TextContent);
        Assert.Equal("maria@example.com", page.QuerySelector("#customer-email")!.TextContent);
        Assert.Contains(order.Plan.Name, page.QuerySelector("section[aria-labelledby=plan-heading]")!.TextContent);
        // Defaults: card fee 2.9% + $0.30 of what was paid; the upstream cost is the funding plus the per-eSIM fee.
        var cardFee = Math.Round(order.AmountPaid!.Value * 0.029m + 0.30m, 2);
        var margin = order.AmountPaid.Value - order.Plan.CostUsd - cardFee;
        Assert.Equal(margin.ToString("$#,##0.00", CultureInfo.InvariantCulture), page.QuerySelector("#margin")!.TextContent);
        var money = page.QuerySelector("#money")!.TextContent;
        Assert.Contains("$1.75", money);
        Assert.Contains(order.Plan.FundAmountUsd!.Value.ToString("$0.00", CultureInfo.InvariantCulture), money);
        Assert.Equal(esim.Iccid, page.QuerySelector(".iccid")!.TextContent);
        Assert.Contains("as of", page.QuerySelector("section[aria-labelledby=esims-heading]")!.TextContent);
        var timeline = page.QuerySelectorAll("#timeline li").Select(li => li.QuerySelector(".kind")!.TextContent).ToList();
        Assert.Equal(order.Events.OrderBy(e => e.At).Select(e => e.Kind), timeline);
        Assert.Contains("order.delivered", timeline);

        var html = page.DocumentElement.OuterHtml;
        await using var scope = store.Services.CreateAsyncScope();
        var activationCode = scope.ServiceProvider.GetRequiredService<ActivationCodeProtector>().Unprotect(esim.ActivationCodeProtected!);
        Assert.DoesNotContain(activationCode, html);
        Assert.DoesNotContain(activationCode.Split('$').Last(), html);
        Assert.DoesNotContain(order.AccessToken, html);
    }

    [Fact]
    public async Task Unpaid_order_has_no_margin_yet_and_an_unknown_number_is_not_found()
    {
        await using var store = await StoreFactory.StartAsync();
        var number = await new AdminOrders(store).SeedAsync("ana@example.com", DateTimeOffset.UtcNow);
        using var admin = await Staff.SignInAsync(store);

        var page = await admin.GetPageAsync($"/admin/orders/{number.ToLowerInvariant()}");
        var missing = await admin.Http.GetAsync("/admin/orders/SF-NOSUCH99");

        Assert.Equal("–", page.QuerySelector("#margin")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Admin_pages_are_not_cached()
    {
        await using var store = await StoreFactory.StartAsync();
        using var admin = await Staff.SignInAsync(store);

        var response = await admin.Http.GetAsync("/admin/orders");

        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
    }
}
