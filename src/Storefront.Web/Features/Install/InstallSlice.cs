using Storefront.Infrastructure;

namespace Storefront.Features.Install;

internal sealed class InstallSlice : IStoreSlice
{
    public void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ActivationCodeProtector>();
        services.AddSingleton<RenderedInstalls>();
    }
}
