using Storefront.Infrastructure;

namespace Storefront.Features.Orders;

internal sealed class OrdersSlice : IStoreSlice
{
    public void AddTo(IServiceCollection services, IConfiguration configuration) => services.AddScoped<OrderViewBuilder>();
}
