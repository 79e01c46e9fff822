using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Jobs;
using Storefront.Providers;

namespace Storefront.Features.Webhooks;

/// <summary>
/// POST /webhooks/{provider}: the upstream's signed events (Citrus: activated, balance low/depleted). Verifies, records
/// the event id once, queues the follow-up and answers 200, also for events the store does not act on.
/// </summary>
[ApiController]
[IgnoreAntiforgeryToken]
public sealed class ProviderWebhookController(
    StorefrontDbContext db,
    IEsimProvider provider,
    WebhookSecrets secrets,
    WorkQueue work,
    TimeProvider clock,
    ILogger<ProviderWebhookController> logger) : ControllerBase
{
    [HttpPost("/webhooks/{name}")]
    [RequestSizeLimit(256 * 1024)]
    public async Task<IActionResult> Receive(string name, CancellationToken ct)
    {
        if (!string.Equals(name, provider.Name, StringComparison.OrdinalIgnoreCase) || !provider.Capabilities.HasFlag(ProviderCapabilities.Webhooks))
            return NotFound();
        using var buffer = new MemoryStream();
        await Request.Body.CopyToAsync(buffer, ct);
        var headers = Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        var secret = await secrets.GetAsync(provider.Name, ct);
        ProviderWebhookEvent? received;
        try { received = provider.ParseWebhook(headers, buffer.ToArray(), secret); }
        catch (System.Text.Json.JsonException) { received = null; }
        if (received is null)
        {
            logger.LogWarning("Rejected a {Provider} webhook: bad signature or body", provider.Name);
            return BadRequest(new { error = "Invalid signature." });
        }

        db.InboxEvents.Add(new InboxEvent { Source = provider.Name, ExternalId = received.Id, Type = received.Type, Subject = received.Iccid, ReceivedAt = clock.GetUtcNow() });
        if (received.Iccid is not null && received.Kind is ProviderEventKind.Activated or ProviderEventKind.BalanceLow or ProviderEventKind.Depleted or ProviderEventKind.Expired)
            await work.EnqueueAsync(WorkKinds.ProviderEvent, null, $"{provider.Name}:{received.Id}", received.Iccid, ct);
        if (received.Kind == ProviderEventKind.ResellerBalanceLow)
            logger.LogWarning("{Provider} says the reseller balance is low: {Balance} USD", provider.Name, received.ResellerBalanceUsd);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (!await db.InboxEvents.AsNoTracking().AnyAsync(e => e.Source == provider.Name && e.ExternalId == received.Id, ct)) throw;
            return Ok(new { received = true, duplicate = true });
        }
        return Ok(new { received = true });
    }
}
