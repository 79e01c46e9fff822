using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Citrus;
using Storefront.Domain;

namespace Storefront.Sandbox.Citrus;

/// <summary>
/// Webhook registrations, events and their deliveries (docs/providers/citrus.md §2.5, §5.1 "Webhooks").
/// </summary>
public sealed partial class CitrusSimulatorState : IWebhookOutbox
{
    /// <summary>Registers a webhook; the only answer that carries the signing secret.</summary>
    public JsonObject RegisterWebhook(string? url, IReadOnlyList<string>? events)
    {
        lock (_gate)
        {
            ValidateWebhookUrl(url);
            ValidateEvents(events);
            if (_webhooks.Count >= _settings.MaxWebhooks)
                throw CitrusSimulatorException.Validation($"At most {_settings.MaxWebhooks} webhooks per account.");
            var webhook = new SimWebhook
            {
                Id = "wh_" + Ulid(),
                Secret = "whsec_" + Convert.ToHexStringLower(RandomBytes(32)),
                CreatedAt = Now,
                Url = url!,
                Events = events!.ToList(),
            };
            _webhooks.Add(webhook);
            var json = webhook.ToJson();
            json["signing_secret"] = webhook.Secret;
            return json;
        }
    }

    public JsonObject ListWebhooks()
    {
        lock (_gate)
            return new JsonObject { ["webhooks"] = new JsonArray(_webhooks.Select(w => (JsonNode)w.ToJson()).ToArray()) };
    }

    public JsonObject GetWebhook(string id)
    {
        lock (_gate) return FindWebhook(id).ToJson();
    }

    public JsonObject UpdateWebhook(string id, string? url, IReadOnlyList<string>? events, bool? active)
    {
        lock (_gate)
        {
            var webhook = FindWebhook(id);
            if (url is not null)
            {
                ValidateWebhookUrl(url);
                webhook.Url = url;
            }
            if (events is not null)
            {
                ValidateEvents(events);
                webhook.Events = events.ToList();
            }
            if (active is { } on)
            {
                webhook.Active = on;
                if (on) webhook.ConsecutiveFailures = 0;
            }
            return webhook.ToJson();
        }
    }

    public void DeleteWebhook(string id)
    {
        lock (_gate) _webhooks.Remove(FindWebhook(id));
    }

    /// <summary>
    /// A <c>webhook.test</c> delivery (event name assumed, docs/providers/citrus.md §6.6), made at once and never
    /// retried.
    /// </summary>
    internal WebhookDelivery CreateTestDelivery(string webhookId)
    {
        lock (_gate)
        {
            var webhook = FindWebhook(webhookId);
            var (eventId, body) = Envelope(CitrusEvents.WebhookTest, []);
            var delivery = NewDelivery(webhook, eventId, CitrusEvents.WebhookTest, body, isTest: true);
            delivery.InFlight = true;
            return new WebhookDelivery(delivery.Id, webhook.Url, body, delivery.Signature);
        }
    }

    public JsonArray Events()
    {
        lock (_gate)
            return new JsonArray(_events.Select(e => JsonNode.Parse(e.Body)).ToArray());
    }

    public JsonArray Deliveries()
    {
        lock (_gate)
        {
            return new JsonArray(_deliveries.Select(d =>
            {
                var webhook = _webhooks.FirstOrDefault(w => w.Id == d.WebhookId);
                return (JsonNode)new JsonObject
                {
                    ["id"] = d.Id,
                    ["webhook_id"] = d.WebhookId,
                    ["url"] = webhook?.Url,
                    ["event_id"] = d.EventId,
                    ["event"] = d.Event,
                    ["status"] = d.Status,
                    ["next_attempt_at"] = d.Status == "pending" ? Iso(d.NextAttemptAt) : null,
                    ["attempts"] = new JsonArray(d.Attempts.Select(a => (JsonNode)new JsonObject
                    {
                        ["at"] = Iso(a.At),
                        ["status_code"] = a.StatusCode,
                        ["error"] = a.Error,
                    }).ToArray()),
                    ["signature"] = d.Signature,
                    ["body"] = d.Body,
                };
            }).ToArray());
        }
    }

    public TimeSpan WebhookTimeout
    {
        get { lock (_gate) return _settings.WebhookTimeout; }
    }

    /// <summary>
    /// The oldest due delivery, marked in flight; one at a time, so a webhook disabled by one failure gets no more.
    /// </summary>
    public WebhookDelivery? TakeNextDueDelivery()
    {
        lock (_gate)
        {
            Tick();
            var now = Now;
            foreach (var delivery in _deliveries.Where(d => d is { Status: "pending", InFlight: false } && d.NextAttemptAt <= now))
            {
                var webhook = _webhooks.FirstOrDefault(w => w.Id == delivery.WebhookId);
                if (webhook is not { Active: true })
                {
                    delivery.Status = "cancelled";
                    continue;
                }
                delivery.InFlight = true;
                return new WebhookDelivery(delivery.Id, webhook.Url, delivery.Body, delivery.Signature);
            }
            return null;
        }
    }

    /// <summary>
    /// Records one attempt: 2xx delivers; anything else schedules the next retry, and the 10th consecutive failure of a
    /// webhook disables it (CODE: brief; docs/providers/citrus.md §2.5).
    /// </summary>
    public void RecordAttempt(string deliveryId, int? statusCode, string? error)
    {
        lock (_gate)
        {
            // Gone when the simulator was reset while the attempt was in flight.
            if (_deliveries.FirstOrDefault(d => d.Id == deliveryId) is not { } delivery) return;
            var webhook = _webhooks.FirstOrDefault(w => w.Id == delivery.WebhookId);
            var now = Now;
            delivery.InFlight = false;
            delivery.Attempts.Add(new SimAttempt(now, statusCode, error));
            if (statusCode is >= 200 and < 300)
            {
                delivery.Status = "delivered";
                if (webhook is not null) webhook.ConsecutiveFailures = 0;
                return;
            }
            if (webhook is not null && ++webhook.ConsecutiveFailures >= _settings.WebhookAutoDisableAfter) webhook.Active = false;
            var schedule = _settings.RetrySchedule;
            if (!delivery.IsTest && webhook is { Active: true } && delivery.Attempts.Count <= schedule.Count)
                delivery.NextAttemptAt = now + schedule[delivery.Attempts.Count - 1];
            else
                delivery.Status = "failed";
        }
        Wake();
    }

    public Task WaitForWorkAsync(TimeSpan timeout, CancellationToken ct) => _work.WaitAsync(timeout, ct);

    private void Wake()
    {
        if (_work.CurrentCount == 0) _work.Release();
    }

    private void Emit(string name, JsonObject data)
    {
        var (eventId, body) = Envelope(name, data);
        _events.Add(new SimEvent(eventId, name, Now, body));
        foreach (var webhook in _webhooks.Where(w => w.Active && w.Wants(name)))
            NewDelivery(webhook, eventId, name, body, isTest: false);
        Wake();
    }

    private (string Id, string Body) Envelope(string name, JsonObject data)
    {
        var id = "evt_" + Ulid();
        var body = new JsonObject
        {
            ["id"] = id,
            ["event"] = name,
            ["created_at"] = Iso(Now),
            ["data"] = data,
        }.ToJsonString();
        return (id, body);
    }

    private SimDelivery NewDelivery(SimWebhook webhook, string eventId, string name, string body, bool isTest)
    {
        var delivery = new SimDelivery
        {
            Id = "dlv_" + Ulid(),
            WebhookId = webhook.Id,
            EventId = eventId,
            Event = name,
            Body = body,
            // Lowercase hex HMAC-SHA256 of the raw body, keyed with the whole whsec_ secret
            // (docs/providers/citrus.md §5.1).
            Signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhook.Secret), Encoding.UTF8.GetBytes(body))),
            IsTest = isTest,
            NextAttemptAt = Now,
        };
        _deliveries.Add(delivery);
        return delivery;
    }

    private void ValidateWebhookUrl(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            throw CitrusSimulatorException.Validation("url must be an absolute URL.");
        var loopbackHttp = uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && _settings.AllowLoopbackHttpWebhooks;
        if (uri.Scheme != Uri.UriSchemeHttps && !loopbackHttp)
            throw CitrusSimulatorException.Validation("url must use https.");
    }

    private static void ValidateEvents(IReadOnlyList<string>? events)
    {
        if (events is null || events.Count == 0)
            throw CitrusSimulatorException.Validation("events must list at least one event.");
        if (events.FirstOrDefault(e => !SubscribableEvents.Contains(e)) is { } unknown)
            throw CitrusSimulatorException.Validation($"Unknown event '{unknown}'.");
    }
}
