using Storefront.Domain;

namespace Storefront.Tests.Domain;

public sealed class OrderStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static Order NewOrder() => Order.Create("maria@example.com", "Maria Garcia", new PlanSnapshot
    {
        PlanId = Guid.NewGuid(), Sku = "citrus:JP:5GB", Provider = "citrus", Name = "Japan 5 GB", CountryIso2 = "JP",
        CoverageName = "Local", DataGb = 5, FundAmountUsd = 7.59m, CostUsd = 9.34m, Price = 9.99m, Currency = "USD",
    }, Now);

    private static Order DeliveredOrder()
    {
        var order = NewOrder();
        order.MarkPaid("pi_1", 9.99m, Now);
        var esim = order.AddEsim(Now);
        esim.CreateRequested();
        esim.Created("8910300000000000001", null, null, "protected");
        esim.AttachRequested();
        esim.PlanAttached(new EsimPackage(esim.Id, PackageKind.Initial, "Japan 5 GB", 7.59m, 5, null, null, Now));
        Assert.True(order.MarkProvisioned(Now));
        Assert.True(order.MarkDelivered(Now));
        return order;
    }

    [Fact]
    public void New_order_awaits_payment_with_an_unguessable_token_and_a_readable_number()
    {
        var order = NewOrder();
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Equal(43, order.AccessToken.Length);
        Assert.Matches("^SF-[2-9A-HJ-NP-Z]{8}$", order.Number);
        Assert.NotEqual(NewOrder().AccessToken, order.AccessToken);
    }

    [Fact]
    public void Duplicate_payment_confirmation_is_a_no_op()
    {
        var order = NewOrder();
        Assert.True(order.MarkPaid("pi_1", 9.99m, Now));
        Assert.False(order.MarkPaid("pi_1", 9.99m, Now));
        Assert.Single(order.Events, e => e.Kind == "payment.paid");
    }

    [Fact]
    public void Late_payment_event_does_not_move_a_delivered_order_backwards()
    {
        var order = DeliveredOrder();
        Assert.False(order.MarkPaid("pi_1", 9.99m, Now));
        Assert.False(order.MarkAbandoned(Now, "late expiry"));
        Assert.False(order.MarkNeedsAttention("late failure", Now));
        Assert.Equal(OrderStatus.Delivered, order.Status);
    }

    [Fact]
    public void Order_is_provisioned_only_when_every_esim_is_ready()
    {
        var order = NewOrder();
        order.MarkPaid("pi_1", 9.99m, Now);
        order.AddEsim(Now);
        Assert.False(order.MarkProvisioned(Now));
        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    [Fact]
    public void Unpaid_order_cannot_be_provisioned_delivered_or_refunded()
    {
        var order = NewOrder();
        Assert.False(order.MarkProvisioned(Now));
        Assert.False(order.MarkDelivered(Now));
        Assert.False(order.MarkRefunded("re_1", 9.99m, Now));
    }

    [Fact]
    public void Needs_attention_can_be_retried_by_staff_and_refunded()
    {
        var order = NewOrder();
        order.MarkPaid("pi_1", 9.99m, Now);
        Assert.True(order.MarkNeedsAttention("upstream refused", Now));
        Assert.True(order.Retry("staff@example.com", Now));
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.True(order.MarkNeedsAttention("again", Now));
        Assert.True(order.MarkRefunded("re_1", 9.99m, Now));
        Assert.False(order.Retry("staff@example.com", Now));
    }

    [Fact]
    public void Second_esim_on_an_order_gets_its_own_upstream_reference()
    {
        var order = NewOrder();
        var first = order.AddEsim(Now);
        var second = order.AddEsim(Now);
        Assert.Equal(order.Number, first.Reference);
        Assert.Equal(order.Number + "-2", second.Reference);
    }
}
