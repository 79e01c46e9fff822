using Storefront.Infrastructure;

namespace Storefront.Features.Delivery;

internal sealed class DeliverySlice : IStoreSlice
{
    public void AddTo(IServiceCollection services, IConfiguration configuration) => services.AddScoped<OrderEmails>();
}
