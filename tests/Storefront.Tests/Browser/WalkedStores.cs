using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain;
using Storefront.Providers;
using Storefront.Tests.Support;

namespace Storefront.Tests.Browser;

public sealed record WalkedOrder(string SessionId, Uri PaymentPage, string Number, string Token);

/// <summary>
/// The stores behind the accessibility walk, and the orders each page state needs, made on first use: one store that
/// delivers, one whose provider account is empty, so its orders need attention and are then refunded, and one just
/// started whose first catalogue sync fails (so it says the catalogue is loading) and whose rate limits are as strict
/// as they go (the other stores of the tests lift them).
/// </summary>
public sealed class WalkedStores : IAsyncDisposable
{
    private readonly StoreFactory _store;
    private readonly Shopper _shopper;
    private StoreFactory? _undeliverable, _justStarted;
    private WalkedOrder? _awaitingPayment, _delivered, _undeliverableOrder, _abandoned, _inUse;

    private WalkedStores(StoreFactory store)
    {
        _store = store;
        _shopper = new Shopper(store);
    }

    public Uri ServerAddress => _store.ServerAddress;

    public static async Task<WalkedStores> StartAsync() => new(await StoreFactory.StartAsync());

    public async Task<string> PlanSkuAsync() => (await _shopper.PickPlanAsync("JP", 3)).Sku;

    public async Task<WalkedOrder> AwaitingPaymentAsync() => _awaitingPayment ??= await StartCheckoutAsync(_store, _shopper);

    public async Task<WalkedOrder> DeliveredAsync() => _delivered ??= await DeliverAsync();

    /// <summary>A checkout whose Stripe session expired unpaid.</summary>
    public async Task<WalkedOrder> AbandonedAsync()
    {
        if (_abandoned is not null) return _abandoned;
        var order = await StartCheckoutAsync(_store, _shopper);
        await new Stripe.Checkout.SessionService(_store.Services.GetRequiredService<Stripe.IStripeClient>())
            .ExpireAsync(order.SessionId, null, new Stripe.RequestOptions { IdempotencyKey = "walk-expire" });
        await _store.WaitForOrderAsync(order.Number, OrderStatus.Abandoned);
        return _abandoned = order;
    }

    /// <summary>
    /// The order page of a delivered eSIM in use, after a reading with <paramref name="state"/> and
    /// <paramref name="shareLeft"/> of its wallet left, valid until <paramref name="expiresInDays"/> from now. One order
    /// goes through the readings in the walk's order, as an eSIM does while travelling; recorded as read just now, so the
    /// usage refresh leaves it alone.
    /// </summary>
    public async Task<string> InUseOrderUrlAsync(EsimState state, decimal shareLeft, int expiresInDays)
    {
        _inUse ??= await DeliverAsync();
        await _store.WithDbAsync(async db =>
        {
            var orderId = await db.Orders.Where(o => o.Number == _inUse.Number).Select(o => o.Id).SingleAsync();
            var esim = await db.Esims.Include(e => e.Packages).SingleAsync(e => e.OrderId == orderId);
            var now = DateTimeOffset.UtcNow;
            esim.Apply(new EsimReading(esim.Iccid!, state, decimal.Round(esim.FundedUsd!.Value * shareLeft, 2), null, null,
                now.AddDays(-2), now.AddDays(expiresInDays), now));
            return await db.SaveChangesAsync();
        });
        return $"/orders/{_inUse.Token}";
    }

    /// <summary>The home page of the just-started store: the catalogue is still loading. Absolute.</summary>
    public Task<string> CatalogLoadingUrlAsync() => Task.FromResult(JustStarted().ServerAddress.ToString());

    /// <summary>Find-my-order on the just-started store, which allows one such request per window. Absolute.</summary>
    public Task<string> StrictFindOrderUrlAsync() => Task.FromResult(new Uri(JustStarted().ServerAddress, "orders/find").ToString());

    private StoreFactory JustStarted()
    {
        if (_justStarted is null)
        {
            // Started without waiting for a catalogue (StoreFactory.StartAsync waits for the first sync to succeed).
            _justStarted = new StoreFactory(settings: new Dictionary<string, string?>
            {
                ["Sandbox:Citrus:Faults:0:Path"] = "rates",
                ["Sandbox:Citrus:Faults:0:Method"] = "GET",
                ["Sandbox:Citrus:Faults:0:Kind"] = "error",
                ["Sandbox:Citrus:Faults:0:Status"] = "500",
                ["RateLimits:FindOrder:PermitLimit"] = "1",
                ["RateLimits:FindOrder:Window"] = "01:00:00",
            });
            _justStarted.StartServer();
        }
        return _justStarted;
    }

    private async Task<WalkedOrder> DeliverAsync()
    {
        var order = await StartCheckoutAsync(_store, _shopper);
        Assert.Equal("succeeded", (await _shopper.PayAsync(order.SessionId)).Outcome);
        await _store.WaitForOrderAsync(order.Number, OrderStatus.Delivered);
        return order;
    }

    /// <summary>The delivery email as the sandbox mail viewer shows it.</summary>
    public async Task<string> DeliveryEmailUrlAsync()
    {
        var order = await DeliveredAsync();
        string? id = null;
        await _store.WaitUntilAsync(_ =>
        {
            id = Directory.Exists(_store.MailFolder)
                ? Directory.GetFiles(_store.MailFolder, "*.eml").Where(f => MimeKit.MimeMessage.Load(f).Subject!.Contains(order.Number))
                    .Select(Path.GetFileNameWithoutExtension).FirstOrDefault()
                : null;
            return Task.FromResult(id is not null);
        }, "the delivery email");
        return $"/sandbox/mail/{id}";
    }

    /// <summary>
    /// An order the provider cannot deliver, once it has reached <paramref name="status"/>: first NeedsAttention, then,
    /// after Store:AutoRefundAfter, Refunded. Absolute, as it lives on the second store.
    /// </summary>
    public async Task<string> UndeliverableOrderUrlAsync(OrderStatus status)
    {
        if (_undeliverable is null)
        {
            _undeliverable = await StoreFactory.StartAsync(settings: new Dictionary<string, string?>
            {
                ["Sandbox:Citrus:StartingBalanceUsd"] = "1",
                ["Store:WhenUpstreamBalanceShort"] = "Queue",
                ["Store:AutoRefundAfter"] = "00:00:10",
            });
            using var shopper = new Shopper(_undeliverable);
            _undeliverableOrder = await StartCheckoutAsync(_undeliverable, shopper);
            await shopper.PayAsync(_undeliverableOrder.SessionId);
        }
        await _undeliverable.WaitForOrderAsync(_undeliverableOrder!.Number, status, TimeSpan.FromSeconds(60));
        return new Uri(_undeliverable.ServerAddress, $"orders/{_undeliverableOrder.Token}").ToString();
    }

    private static async Task<WalkedOrder> StartCheckoutAsync(StoreFactory store, Shopper shopper)
    {
        var checkout = await shopper.StartCheckoutAsync("JP", 3);
        var token = await store.WithDbAsync(db => db.Orders.Where(o => o.Number == checkout.OrderNumber).Select(o => o.AccessToken).SingleAsync());
        return new WalkedOrder(checkout.SessionId, checkout.PaymentPage, checkout.OrderNumber, token);
    }

    public async ValueTask DisposeAsync()
    {
        _shopper.Dispose();
        if (_undeliverable is not null) await _undeliverable.DisposeAsync();
        if (_justStarted is not null) await _justStarted.DisposeAsync();
        await _store.DisposeAsync();
    }
}
