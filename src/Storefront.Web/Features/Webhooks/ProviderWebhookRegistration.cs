using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Email;
using Storefront.Infrastructure;
using Storefront.Jobs;
using static Storefront.Email.EmailLayout;

using Storefront.Providers;

namespace Storefront.Features.Webhooks;

/// <summary>
/// Once the server listens, makes sure the upstream knows where to send its events: registers
/// /webhooks/&lt;provider&gt; at the store's public URL unless a signing secret is already known. A registration that
/// fails, or whose answer carries no signing secret, is logged as an error, alerted to staff once, and tried again
/// with the work queue's backoff (Jobs:RetryBaseDelay, about three times longer each time, up to an hour) until it
/// succeeds: an empty secret is never stored, since every event would then be refused.
/// </summary>
public sealed class ProviderWebhookRegistration(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider clock,
    IOptions<JobOptions> jobs, ILogger<ProviderWebhookRegistration> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetResult()))
            await started.Task;

        try
        {
            for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
            {
                var failure = await TryRegisterAsync(attempt, stoppingToken);
                if (failure is null) return;
                await Task.Delay(jobs.Value.RetryDelay(attempt, failure), clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>Null when the secret is known (now or before); otherwise what went wrong.</summary>
    private async Task<Exception?> TryRegisterAsync(int attempt, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<IEsimProvider>();
        if (provider is not IRegistersWebhooks registrar) return null;
        var secrets = scope.ServiceProvider.GetRequiredService<WebhookSecrets>();
        try
        {
            if (await secrets.GetAsync(provider.Name, ct) is not null) return null;
            var url = scope.ServiceProvider.GetRequiredService<SelfAddress>().CombinePublic($"webhooks/{provider.Name}");
            var registration = await registrar.RegisterWebhookAsync(url, ct);
            if (string.IsNullOrWhiteSpace(registration.SigningSecret))
            {
                await registrar.DeleteWebhookAsync(registration.Id, ct);
                throw new UpstreamException(provider.Name, "NO_SIGNING_SECRET",
                    $"{provider.Name} registered webhook {registration.Id} but its answer carried no signing secret; the registration was removed",
                    retryable: true);
            }
            await secrets.StoreAsync(provider.Name, registration.SigningSecret, clock.GetUtcNow(), ct);
            logger.LogInformation("Registered {Url} for {Provider} webhooks", url, provider.Name);
            return null;
        }
        catch (Exception e) when (e is UpstreamException or HttpRequestException)
        {
            logger.LogError("Could not register the {Provider} webhook (attempt {Attempt}): {Error}. Until it is registered, balance and activation updates come from the usage refresh only.",
                provider.Name, attempt, e.Message);
            if (attempt == 1)
            {
                await scope.ServiceProvider.GetRequiredService<WorkQueue>().EnqueueAsync(WorkKinds.SendWebhookRegistrationAlert, null,
                    $"email:webhook-registration:{provider.Name}:{clock.GetUtcNow().ToUnixTimeSeconds()}", e.Message, ct);
                await scope.ServiceProvider.GetRequiredService<StorefrontDbContext>().SaveChangesAsync(ct);
            }
            return e;
        }
    }
}

/// <summary>Tells staff the provider's webhooks are not registered, and that the store keeps trying.</summary>
public sealed class SendWebhookRegistrationAlertHandler(IEmailSender sender, IEsimProvider provider, IOptions<StoreOptions> store,
    IOptions<BrandOptions> brand) : IWorkHandler
{
    public string Kind => WorkKinds.SendWebhookRegistrationAlert;

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var staff = store.Value.StaffAlertEmail ?? brand.Value.SupportEmail;
        var error = item.Payload ?? "unknown error";
        var html = $"""
            <h1 style="font-size:20px;margin:0 0 12px;">The {E(provider.Name)} webhook is not registered</h1>
            <p>{E(error)}</p>
            <p>The store keeps trying. Until it succeeds, activations and balances are updated only by the periodic usage refresh. If it keeps failing, check the provider account and the store's public URL.</p>
            """;
        var text = $"The {provider.Name} webhook is not registered: {error}\nThe store keeps trying. Until it succeeds, activations and balances are updated only by the periodic usage refresh.\n";
        await sender.SendAsync(new EmailMessage(staff, "Store staff", $"[Action needed] {provider.Name} webhook registration failed",
            Html(brand.Value, $"The {provider.Name} webhook is not registered.", html), text), ct);
    }
}
