using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain;
using Storefront.Features.Install;
using Storefront.Jobs;
using Storefront.Tests.Support;

namespace Storefront.Tests.Email;

/// <summary>
/// An email that cannot be sent is never dropped in silence: a delivery email puts the order in front of staff with
/// the install details still on the order page and a retry that sends it again; a refund email is retried on its own
/// although the order is refunded.
/// </summary>
public sealed class UndeliverableEmailTests
{
    private const string Customer = "li@example.com";
    private const string Staff = "staff@wanderlink.example";

    [Fact]
    public async Task A_delivery_email_the_relay_refuses_puts_the_order_in_front_of_staff_and_keeps_the_install_details_on_its_page()
    {
        await using var relay = SmtpRelay.Start(refuse: Customer);
        await using var store = await StartStoreAsync(relay.Port);
        using var shopper = new Shopper(store);

        var number = await PayAsync(store, shopper);

        var order = await store.WaitForOrderAsync(number, OrderStatus.NeedsAttention);
        Assert.Contains("email to the customer could not be sent", order.AttentionReason);
        Assert.Contains("550", order.AttentionReason);
        Assert.DoesNotContain(Customer, order.AttentionReason);
        await store.WaitUntilAsync(_ => Task.FromResult(relay.Accepted.Any(m => m.To == Staff && m.Subject.Contains("[Action needed]"))), "the staff alert");
        await store.WaitForDueWorkAsync();
        Assert.DoesNotContain(relay.Accepted, m => m.To == Customer);

        var esim = Assert.Single(order.Esims);
        var install = store.Services.GetRequiredService<ActivationCodeProtector>().Details(esim.ActivationCodeProtected)!;
        var page = await shopper.Http.GetStringAsync($"/orders/{order.AccessToken}");
        Assert.Contains(install.MatchingId, page);
        Assert.Contains("could not email it to you", page);
    }

    [Fact]
    public async Task A_delivery_email_that_fails_while_mail_is_down_is_sent_when_staff_retry_after_mail_is_back()
    {
        var port = SmtpRelay.FreePort();
        await using var store = await StartStoreAsync(port);
        using var shopper = new Shopper(store);

        var number = await PayAsync(store, shopper);

        var order = await store.WaitForOrderAsync(number, OrderStatus.NeedsAttention);
        Assert.Contains("email to the customer could not be sent", order.AttentionReason);
        Assert.Contains(order.Events, e => e.Kind == "order.needs_attention");
        await store.WaitForDueWorkAsync();
        Assert.True(await store.WithDbAsync(db => db.WorkItems.AnyAsync(w => w.OrderId == order.Id && w.Kind == WorkKinds.SendAttentionEmails)));

        await using var relay = SmtpRelay.Start(port: port);
        await RetryAsStaffAsync(store, order.Id);

        await store.WaitForOrderAsync(number, OrderStatus.Delivered);
        Assert.Contains(relay.Accepted, m => m.To == Customer && m.Subject.Contains("eSIM is ready"));
    }

    [Fact]
    public async Task A_refund_email_that_fails_is_retried_after_the_order_is_refunded()
    {
        var port = SmtpRelay.FreePort();
        await using var store = await StartStoreAsync(port, new Dictionary<string, string?>
        {
            ["Sandbox:Citrus:StartingBalanceUsd"] = "1",
            ["Store:WhenUpstreamBalanceShort"] = "Queue",
            ["Store:AutoRefundAfter"] = "00:00:01",
            ["Jobs:MaxAttempts"] = "12",
            ["Jobs:RetryBaseDelay"] = "00:00:00.500",
        });
        using var shopper = new Shopper(store);

        var number = await PayAsync(store, shopper);

        var order = await store.WaitForOrderAsync(number, OrderStatus.Refunded);
        await store.WaitUntilAsync(db => db.WorkItems.AnyAsync(w => w.OrderId == order.Id && w.Kind == WorkKinds.SendRefundEmail && w.Attempts >= 1),
            "a first failed refund email");
        await using var relay = SmtpRelay.Start(port: port);
        await store.WaitUntilAsync(_ => Task.FromResult(relay.Accepted.Any(m => m.To == Customer && m.Subject.EndsWith("has been refunded"))),
            "the refund email", TimeSpan.FromSeconds(60));
        Assert.Contains((await store.OrderAsync(number)).Events, e => e.Kind == "email.refunded");
    }

    private static Task<StoreFactory> StartStoreAsync(int smtpPort, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:Mail"] = "false",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtpPort.ToString(),
            ["Smtp:EnableSsl"] = "false",
            ["Store:StaffAlertEmail"] = Staff,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return StoreFactory.StartAsync(settings: settings);
    }

    private static async Task<string> PayAsync(StoreFactory store, Shopper shopper)
    {
        var checkout = await shopper.StartCheckoutAsync("TH", 3, Customer, "Li Wei");
        await shopper.PayAsync(checkout.SessionId, email: Customer);
        return checkout.OrderNumber;
    }

    /// <summary>What the admin's "retry" does: the domain's Retry, and provisioning queued again.</summary>
    private static async Task RetryAsStaffAsync(StoreFactory store, Guid orderId)
    {
        await using var scope = store.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Storefront.Data.StorefrontDbContext>();
        var order = await db.Orders.SingleAsync(o => o.Id == orderId);
        Assert.True(order.Retry("staff@test", DateTimeOffset.UtcNow));
        await scope.ServiceProvider.GetRequiredService<WorkQueue>().EnqueueAsync(WorkKinds.ProvisionOrder, orderId, $"provision:{orderId}:retry");
        await db.SaveChangesAsync();
    }
}
