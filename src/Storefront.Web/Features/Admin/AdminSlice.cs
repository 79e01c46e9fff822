using Storefront.Infrastructure;

namespace Storefront.Features.Admin;

internal sealed class AdminSlice : IStoreSlice
{
    public void AddTo(WebApplicationBuilder builder) => builder.AddAdminArea();

    public Task PrepareAsync(WebApplication app) => app.PrepareAdminAsync();

    public void Map(WebApplication app) => app.MapJobsDashboard();
}
