using Storefront.Infrastructure;

namespace Storefront.Features.Install;

internal sealed class InstallSlice : IStoreSlice
{
    public void AddTo(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ActivationCodeProtector>();
        services.AddSingleton<RenderedInstalls>();
    }
}
