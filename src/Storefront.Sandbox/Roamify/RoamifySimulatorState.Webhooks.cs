using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Roamify;
using Storefront.Domain;

namespace Storefront.Sandbox.Roamify;

/// <summary>Webhook events and their signed deliveries, with retries (docs/providers/roamify.md §2.4).</summary>
public sealed partial class RoamifySimulatorState : IWebhookOutbox
{
    private readonly List<RoamifySimEvent> _events = [];
    private readonly List<RoamifySimDelivery> _deliveries = [];

    public JsonArray EmittedEvents()
    {
        lock (_gate)
            return new JsonArray(_events.Select(e => (JsonNode)new JsonObject
            {
                ["event_category"] = e.Category,
                ["event_type"] = e.Type,
                ["at"] = Unix(e.At),
                ["body"] = e.Body,
            }).ToArray());
    }

    public JsonArray Deliveries()
    {
        lock (_gate)
            return new JsonArray(_deliveries.Select(d => (JsonNode)new JsonObject
            {
                ["id"] = d.Id,
                ["url"] = d.Url,
                ["event_category"] = d.Category,
                ["event_type"] = d.Type,
                ["status"] = d.Status,
                ["next_attempt_at"] = d.Status == "pending" ? Unix(d.NextAttemptAt) : null,
                ["attempts"] = new JsonArray(d.Attempts.Select(a => (JsonNode)new JsonObject
                {
                    ["at"] = Unix(a.At),
                    ["status_code"] = a.StatusCode,
                    ["error"] = a.Error,
                }).ToArray()),
                ["signature"] = d.Signature,
                ["body"] = d.Body,
            }).ToArray());
    }

    public TimeSpan WebhookTimeout
    {
        get { lock (_gate) return _settings.WebhookTimeout; }
    }

    /// <summary>The oldest due delivery, marked in flight.</summary>
    public WebhookDelivery? TakeNextDueDelivery()
    {
        lock (_gate)
        {
            Tick();
            var now = Now;
            var delivery = _deliveries.FirstOrDefault(d => d is { Status: "pending", InFlight: false } && d.NextAttemptAt <= now);
            if (delivery is null) return null;
            delivery.InFlight = true;
            return new WebhookDelivery(delivery.Id, delivery.Url, delivery.Body, delivery.Signature);
        }
    }

    /// <summary>
    /// Records one attempt: 2xx delivers; anything else is retried on the schedule, at most 3 times
    /// (docs/providers/roamify.md §2.4).
    /// </summary>
    public void RecordAttempt(string deliveryId, int? statusCode, string? error)
    {
        lock (_gate)
        {
            // Gone when the simulator was reset while the attempt was in flight.
            if (_deliveries.FirstOrDefault(d => d.Id == deliveryId) is not { } delivery) return;
            var now = Now;
            delivery.InFlight = false;
            delivery.Attempts.Add(new RoamifySimAttempt(now, statusCode, error));
            var schedule = _settings.RetrySchedule;
            if (statusCode is >= 200 and < 300)
                delivery.Status = "delivered";
            else if (delivery.Attempts.Count <= schedule.Count)
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

    private void StatusEvent(RoamifySimEsim e)
    {
        e.Events.Add((Now, e.DeviceStatus));
        Emit(RoamifyEventCategories.Esim, EsimEventType(RoamifyEventTypes.Status), new JsonObject
        {
            ["timestamp"] = Unix(Now),
            ["iccid"] = e.Iccid,
            ["esim_id"] = e.EsimId,
            ["reference_id"] = e.ReferenceId,
            ["start"] = e.StartedAt is { } start ? Unix(start) : null,
            ["end"] = e.ExpiredAt is { } end ? Unix(end) : null,
            ["status"] = e.DeviceStatus,
        });
    }

    private void UsageEvent(RoamifySimEsim e) => Emit(RoamifyEventCategories.Esim, EsimEventType(RoamifyEventTypes.Usage), new JsonObject
    {
        ["timestamp"] = Unix(Now),
        ["iccid"] = e.Iccid,
        ["esim_id"] = e.EsimId,
        ["reference_id"] = e.ReferenceId,
        ["status"] = e.DeviceStatus,
        ["package_id"] = e.Package.PackageId,
        ["package_name"] = e.Package.Name,
        ["data_units"] = "MB",
        ["voice_units"] = "minutes",
        ["sms_units"] = "sms",
        ["usage_data"] = new JsonObject
        {
            ["isUnlimited"] = e.IsUnlimited,
            ["allowed_data"] = e.AllowedMb,
            ["remaining_data"] = decimal.Round(e.RemainingMb, 2),
            ["allowed_sms"] = 0,
            ["remaining_sms"] = 0,
            ["allowed_voice"] = 0,
            ["remaining_voice"] = 0,
        },
        ["usage_list"] = new JsonArray(e.Usage
            .GroupBy(u => (u.Date, u.Location))
            .Select(day => (JsonNode)new JsonObject
            {
                ["date"] = day.Key.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["data_used"] = day.Sum(u => u.Mb),
                ["location"] = day.Key.Location,
            }).ToArray()),
    });

    private void PartnerEvent(string type, decimal thresholdPercentage) => Emit(RoamifyEventCategories.Partner, type, new JsonObject
    {
        ["timestamp"] = Unix(Now),
        ["balance"] = _balance,
        ["threshold"] = _settings.LowBalanceThresholdUsd,
        ["threshold_percentage"] = thresholdPercentage,
        ["currency"] = "USD",
    });

    private string EsimEventType(string type) => _settings.PrefixedEsimEventTypes ? "esim_" + type : type;

    /// <summary>Records the event and, when a webhook URL is set, queues its delivery signed with the webhook secret.</summary>
    private void Emit(string category, string type, JsonObject data)
    {
        var body = new JsonObject { ["event_category"] = category, ["event_type"] = type, ["data"] = data }.ToJsonString();
        _events.Add(new RoamifySimEvent(category, type, Now, body));
        if (string.IsNullOrWhiteSpace(_settings.WebhookUrl)) return;
        _deliveries.Add(new RoamifySimDelivery
        {
            Id = "dlv_" + (++_sequence).ToString(CultureInfo.InvariantCulture),
            Url = _settings.WebhookUrl,
            Category = category,
            Type = type,
            Body = body,
            Signature = RoamifyWebhook.Sign(Encoding.UTF8.GetBytes(body), _settings.WebhookSecret),
            NextAttemptAt = Now,
        });
        Wake();
    }
}
