using Storefront.Infrastructure;

namespace Storefront.Features.Delivery;

internal sealed class DeliverySlice : IStoreSlice
{
    public void AddTo(WebApplicationBuilder builder) => builder.Services.AddScoped<OrderEmails>();
}
