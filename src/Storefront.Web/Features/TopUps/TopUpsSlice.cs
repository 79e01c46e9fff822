using Storefront.Infrastructure;

namespace Storefront.Features.TopUps;

internal sealed class TopUpsSlice : IStoreSlice
{
    public void AddTo(IServiceCollection services, IConfiguration configuration) => services.AddScoped<TopUpCatalog>();
}
