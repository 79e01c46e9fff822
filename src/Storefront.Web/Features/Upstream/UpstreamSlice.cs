using Storefront.Infrastructure;

namespace Storefront.Features.Upstream;

internal sealed class UpstreamSlice : IStoreSlice
{
    public void AddTo(WebApplicationBuilder builder) => builder.Services.AddSingleton<UpstreamBalance>();
}
