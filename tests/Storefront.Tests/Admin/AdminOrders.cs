using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Tests.Support;

namespace Storefront.Tests.Admin;

/// <summary>Orders written straight into a store's database, for the admin list: many, at chosen times and states.</summary>
public sealed class AdminOrders(StoreFactory store)
{
    /// <summary>Saves one order for <paramref name="email"/> created at <paramref name="at"/>, brought to <paramref name="status"/>.</summary>
    public async Task<string> SeedAsync(string email, DateTimeOffset at, OrderStatus status = OrderStatus.AwaitingPayment, string name = "Test Customer")
    {
        var numbers = await SeedManyAsync(1, email, at, status, name);
        return numbers[0];
    }

    public Task<List<string>> SeedManyAsync(int count, string email, DateTimeOffset at, OrderStatus status = OrderStatus.AwaitingPayment,
        string name = "Test Customer") =>
        store.WithDbAsync(async db =>
        {
            var plan = await db.Plans.AsNoTracking().Include(p => p.Countries).FirstAsync(p => p.IsActive);
            var numbers = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var created = at.AddSeconds(i);
                var order = Order.Create(email, name, plan.Snapshot(), created);
                switch (status)
                {
                    case OrderStatus.Abandoned:
                        order.MarkAbandoned(created, "Checkout expired.");
                        break;
                    case OrderStatus.Paid:
                        order.MarkPaid($"pi_seed_{Guid.NewGuid():N}", order.Plan.Price, created);
                        break;
                    case OrderStatus.NeedsAttention:
                        order.MarkPaid($"pi_seed_{Guid.NewGuid():N}", order.Plan.Price, created);
                        order.MarkNeedsAttention("The provider refused: insufficient balance.", created);
                        break;
                }
                db.Orders.Add(order);
                numbers.Add(order.Number);
            }
            await db.SaveChangesAsync();
            return numbers;
        });
}
