using Storefront.Infrastructure;

namespace Storefront.Providers;

/// <summary>A provider whose webhooks the store registers through its API (Citrus), receiving the signing secret once.</summary>
public interface IRegistersWebhooks
{
    /// <summary>Registers <paramref name="url"/> for the events the store acts on and returns the signing secret.</summary>
    Task<string> RegisterWebhookAsync(Uri url, CancellationToken ct);
}

/// <summary>
/// Once the server listens, makes sure the upstream knows where to send its events: registers
/// /webhooks/&lt;provider&gt; at the store's public URL unless a signing secret is already known.
/// </summary>
public sealed class ProviderWebhookRegistration(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider clock,
    ILogger<ProviderWebhookRegistration> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetResult()))
            await started.Task;
        if (stoppingToken.IsCancellationRequested) return;

        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<IEsimProvider>() is not IRegistersWebhooks registrar) return;
        var provider = scope.ServiceProvider.GetRequiredService<IEsimProvider>();
        var secrets = scope.ServiceProvider.GetRequiredService<WebhookSecrets>();
        try
        {
            if (await secrets.GetAsync(provider.Name, stoppingToken) is not null) return;
            var url = scope.ServiceProvider.GetRequiredService<SelfAddress>().CombinePublic($"webhooks/{provider.Name}");
            var secret = await registrar.RegisterWebhookAsync(url, stoppingToken);
            await secrets.StoreAsync(provider.Name, secret, clock.GetUtcNow(), stoppingToken);
            logger.LogInformation("Registered {Url} for {Provider} webhooks", url, provider.Name);
        }
        catch (Exception e) when (e is UpstreamException or HttpRequestException)
        {
            logger.LogError("Could not register the {Provider} webhook: {Error}. Balance and activation updates then come from the usage refresh only.",
                provider.Name, e.Message);
        }
    }
}
