using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain;
using Storefront.Tests.Support;

namespace Storefront.Tests.Checkout;

public sealed class UnpaidCheckoutTests
{
    [Fact]
    public async Task Declined_card_leaves_the_order_unpaid_and_provisions_nothing()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var checkout = await shopper.StartCheckoutAsync("MX", 3);

        var declined = await shopper.PayAsync(checkout.SessionId, card: "4000 0000 0000 0002");

        Assert.Equal("Your card was declined.", declined.ErrorMessage);
        var hosted = await shopper.GetPageAsync(checkout.PaymentPage.PathAndQuery);
        Assert.NotNull(hosted.QuerySelector("#pay-button"));
        await Task.Delay(1000);
        await store.WaitForDueWorkAsync();
        var order = await store.OrderAsync(checkout.OrderNumber);
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Empty(order.Esims);
        Assert.Empty(await new CitrusUpstream(store).EsimsForAsync(checkout.OrderNumber));
        Assert.False(Directory.Exists(store.MailFolder) && Directory.GetFiles(store.MailFolder).Length > 0);
    }

    [Fact]
    public async Task Abandoned_checkout_ends_as_abandoned_when_the_session_expires()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var checkout = await shopper.StartCheckoutAsync("TR", 1);

        var cancel = await shopper.Http.PostAsync($"/sandbox/stripe/_sim/checkout/{checkout.SessionId}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Contains("/destinations/tr?cancelled=true", await cancel.Content.ReadAsStringAsync());
        var country = await shopper.GetPageAsync("/destinations/tr?cancelled=true");
        Assert.Contains("You have not been charged", country.QuerySelector("[role=status]")!.TextContent);

        await new Stripe.Checkout.SessionService(store.Services.GetRequiredService<Stripe.IStripeClient>())
            .ExpireAsync(checkout.SessionId, null, new Stripe.RequestOptions { IdempotencyKey = "test-expire" });

        var order = await store.WaitForOrderAsync(checkout.OrderNumber, OrderStatus.Abandoned);
        Assert.Empty(order.Esims);
        Assert.Empty(await new CitrusUpstream(store).EsimsForAsync(checkout.OrderNumber));
    }
}
