using Storefront.Infrastructure;

namespace Storefront.Features.Usage;

internal sealed class UsageSlice : IStoreSlice
{
    public void AddTo(IServiceCollection services, IConfiguration configuration) => services.AddScoped<EsimReadings>();
}
