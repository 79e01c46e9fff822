using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Storefront.Jobs;
using Storefront.Payments;
using Stripe;

namespace Storefront.Features.Webhooks;

/// <summary>
/// POST /webhooks/stripe: verifies the signature on the raw bytes, records the event id once and queues the work.
/// It never calls Stripe or the upstream itself, so it answers fast.
/// </summary>
[ApiController]
[IgnoreAntiforgeryToken]
public sealed class StripeWebhookController(
    WebhookInbox inbox,
    IOptions<StripeOptions> options,
    TimeProvider clock,
    ILogger<StripeWebhookController> logger) : ControllerBase
{
    private const int MaxBodyBytes = 512 * 1024;

    /// <summary>Stripe's own default: a signature older (or further in the future) than this is a replay.</summary>
    private const long SignatureToleranceSeconds = 300;

    [HttpPost("/webhooks/stripe")]
    [RequestSizeLimit(MaxBodyBytes)]
    public async Task<IActionResult> Receive(CancellationToken ct)
    {
        // JSON is UTF-8 by definition: invalid bytes are refused, as for the providers' webhooks, not read as U+FFFD.
        using var reader = new StreamReader(Request.Body, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        string body;
        try { body = await reader.ReadToEndAsync(ct); }
        catch (System.Text.DecoderFallbackException) { return BadRequest(new { error = "The body is not UTF-8 JSON." }); }

        Event stripeEvent;
        try
        {
            // API version policy: an event is only a trigger. Whatever version the account's webhook endpoint renders
            // it in, the work item re-reads the session through the API at the version Stripe.net pins, and takes
            // only the event's id, type and object id from the payload. So a correctly signed event whose api_version
            // differs from ours is accepted rather than lost; the signature and its age are still checked first.
            stripeEvent = EventUtility.ConstructEvent(body, Request.Headers["Stripe-Signature"].ToString(), options.Value.WebhookSecret,
                SignatureToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException e)
        {
            logger.LogWarning("Rejected a Stripe webhook: {Reason}", e.Message);
            return BadRequest(new { error = "Invalid signature." });
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            logger.LogWarning("Rejected a signed Stripe webhook whose body is not an event: {Error}", e.GetType().Name);
            return BadRequest(new { error = "The body is not a Stripe event." });
        }
        var subject = (stripeEvent.Data?.Object as IHasId)?.Id;
        if (!WebhookInbox.CanRecord(stripeEvent.Id, stripeEvent.Type, subject))
            return BadRequest(new { error = "The body is not a Stripe event." });

        var kind = stripeEvent.Type switch
        {
            EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded => WorkKinds.ConfirmCheckout,
            EventTypes.CheckoutSessionExpired => WorkKinds.ExpireCheckout,
            _ => null,
        };
        if (kind is not null && subject is null)
            return BadRequest(new { error = "The event carries no object id." });

        if (!await inbox.RecordAsync("stripe", stripeEvent.Id, stripeEvent.Type, subject, kind, ct))
            return Ok(new { received = true, duplicate = true });
        logger.LogInformation("Stripe event {EventId} ({Type}) received", stripeEvent.Id, stripeEvent.Type);
        return Ok(new { received = true });
    }
}
