using Storefront.Infrastructure;

namespace Storefront.Features.Webhooks;

internal sealed class WebhooksSlice : IStoreSlice
{
    public void AddTo(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<WebhookInbox>();
        services.AddScoped<WebhookSecrets>();
        services.AddHostedService<ProviderWebhookRegistration>();
    }
}
