using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Tests.Support;

namespace Storefront.Tests.Browser;

public sealed record WalkedOrder(string SessionId, Uri PaymentPage, string Number, string Token);

/// <summary>
/// The stores behind the accessibility walk, and the orders each page state needs, made on first use: one store that
/// delivers, and one whose provider account is empty, so its orders need attention and are then refunded.
/// </summary>
public sealed class WalkedStores : IAsyncDisposable
{
    private readonly StoreFactory _store;
    private readonly Shopper _shopper;
    private StoreFactory? _undeliverable;
    private WalkedOrder? _awaitingPayment, _delivered, _undeliverableOrder;

    private WalkedStores(StoreFactory store)
    {
        _store = store;
        _shopper = new Shopper(store);
    }

    public Uri ServerAddress => _store.ServerAddress;

    public static async Task<WalkedStores> StartAsync() => new(await StoreFactory.StartAsync());

    public async Task<string> PlanSkuAsync() => (await _shopper.PickPlanAsync("JP", 3)).Sku;

    public async Task<WalkedOrder> AwaitingPaymentAsync() => _awaitingPayment ??= await StartCheckoutAsync(_store, _shopper);

    public async Task<WalkedOrder> DeliveredAsync()
    {
        if (_delivered is not null) return _delivered;
        var order = await StartCheckoutAsync(_store, _shopper);
        Assert.Equal("succeeded", (await _shopper.PayAsync(order.SessionId)).Outcome);
        await _store.WaitForOrderAsync(order.Number, OrderStatus.Delivered);
        return _delivered = order;
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
        await _store.DisposeAsync();
    }
}
