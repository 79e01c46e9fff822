using Storefront.Infrastructure;

namespace Storefront.Features.Webhooks;

internal sealed class WebhooksSlice : IStoreSlice
{
    public void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<WebhookInbox>();
        services.AddScoped<WebhookSecrets>();
        services.AddHostedService<ProviderWebhookRegistration>();
    }
}
