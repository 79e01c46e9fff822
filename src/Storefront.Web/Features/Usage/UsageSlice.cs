using Storefront.Infrastructure;

namespace Storefront.Features.Usage;

internal sealed class UsageSlice : IStoreSlice
{
    public void AddTo(WebApplicationBuilder builder) => builder.Services.AddScoped<EsimReadings>();
}
