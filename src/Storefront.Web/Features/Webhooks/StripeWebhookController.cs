using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Storefront.Jobs;
using Storefront.Payments;

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

    [HttpPost("/webhooks/stripe")]
    [RequestSizeLimit(MaxBodyBytes)]
    public async Task<IActionResult> Receive(CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await Request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();

        var verification = StripeWebhookSignature.Verify(body, Request.Headers["Stripe-Signature"].ToString(),
            options.Value.WebhookSecret, clock.GetUtcNow());
        if (!verification.IsValid)
        {
            logger.LogWarning("Rejected a Stripe webhook: {Reason}", verification.Reason);
            return BadRequest(new { error = "Invalid signature." });
        }

        StripeEvent stripeEvent;
        try { stripeEvent = StripeEvent.Parse(body); }
        catch (System.Text.Json.JsonException) { return BadRequest(new { error = "The body is not a Stripe event." }); }

        var (kind, subject) = stripeEvent.Type switch
        {
            StripeEventTypes.CheckoutSessionCompleted or StripeEventTypes.CheckoutSessionAsyncPaymentSucceeded
                => (WorkKinds.ConfirmCheckout, SubjectId(stripeEvent)),
            StripeEventTypes.CheckoutSessionExpired => (WorkKinds.ExpireCheckout, SubjectId(stripeEvent)),
            _ => (null, SubjectId(stripeEvent)),
        };

        if (!await inbox.RecordAsync("stripe", stripeEvent.Id, stripeEvent.Type, subject, kind, ct))
        {
            logger.LogInformation("Stripe event {EventId} ({Type}) was already received", stripeEvent.Id, stripeEvent.Type);
            return Ok(new { received = true, duplicate = true });
        }
        logger.LogInformation("Stripe event {EventId} ({Type}) received", stripeEvent.Id, stripeEvent.Type);
        return Ok(new { received = true });
    }

    private static string? SubjectId(StripeEvent e) =>
        e.Data.Object.ValueKind == System.Text.Json.JsonValueKind.Object && e.Data.Object.TryGetProperty("id", out var id) ? id.GetString() : null;
}
