using Storefront.Infrastructure;

namespace Storefront.Features.Orders;

internal sealed class OrdersSlice : IStoreSlice
{
    public void AddTo(WebApplicationBuilder builder) => builder.Services.AddScoped<OrderViewBuilder>();
}
