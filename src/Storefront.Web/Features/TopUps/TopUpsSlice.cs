using Storefront.Infrastructure;

namespace Storefront.Features.TopUps;

internal sealed class TopUpsSlice : IStoreSlice
{
    public void AddTo(WebApplicationBuilder builder) => builder.Services.AddScoped<TopUpCatalog>();
}
