using Microsoft.AspNetCore.Mvc;
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
    IEsimProvider provider,
    WebhookSecrets secrets,
    WebhookInbox inbox,
    Upstream.UpstreamBalance balance,
    ILogger<ProviderWebhookController> logger) : ControllerBase
{
    [HttpPost("/webhooks/{name}")]
    [RequestSizeLimit(256 * 1024)]
    public async Task<IActionResult> Receive(string name, CancellationToken ct)
    {
        if (!string.Equals(name, provider.Name, StringComparison.OrdinalIgnoreCase) || provider is not IWebhookEvents events)
            return NotFound();
        using var buffer = new MemoryStream();
        await Request.Body.CopyToAsync(buffer, ct);
        var headers = Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        // JSON is UTF-8 by definition; some providers' readers would otherwise take invalid bytes as an event.
        if (!System.Text.Unicode.Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
            return BadRequest(new { error = "The body is not UTF-8 JSON." });

        var secret = await secrets.GetAsync(provider.Name, ct);
        ProviderWebhookEvent? received;
        try { received = events.ParseWebhook(headers, buffer.ToArray(), secret); }
        catch (System.Text.Json.JsonException e)
        {
            // Signed by the provider, so worth a warning: its format changed or it sent something broken.
            logger.LogWarning("Rejected a signed {Provider} webhook whose body cannot be read: {Error}", provider.Name, e.Message);
            return BadRequest(new { error = "Unreadable body." });
        }
        if (received is null)
        {
            logger.LogWarning(secret is null
                ? "Rejected a {Provider} webhook: no signing secret is known yet (see the webhook registration errors)"
                : "Rejected a {Provider} webhook: bad signature", provider.Name);
            return BadRequest(new { error = "Invalid signature." });
        }

        if (!WebhookInbox.CanRecord(received.Id, received.Type, received.Iccid))
        {
            logger.LogWarning("Rejected a signed {Provider} webhook whose id, type or ICCID is missing or malformed", provider.Name);
            return BadRequest(new { error = "The body is not a usable event." });
        }

        string? followUp = null, payload = null;
        if (received.Kind is ProviderEventKind.Activated or ProviderEventKind.BalanceLow or ProviderEventKind.Depleted or ProviderEventKind.Expired)
            followUp = WorkKinds.ProviderEvent;
        else if (received.Kind == ProviderEventKind.ResellerBalanceLow)
        {
            // balance.low / balance.depleted: staff are emailed (once per event), and the next sale reads the balance afresh.
            logger.LogWarning("{Provider} says the reseller balance is low: {Balance} USD", provider.Name, received.ResellerBalanceUsd);
            balance.Forget();
            followUp = WorkKinds.SendResellerBalanceEmail;
            payload = received.ResellerBalanceUsd?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
        if (!await inbox.RecordAsync(provider.Name, received.Id, received.Type, received.Iccid, followUp, ct, payload))
            return Ok(new { received = true, duplicate = true });
        return Ok(new { received = true });
    }
}
