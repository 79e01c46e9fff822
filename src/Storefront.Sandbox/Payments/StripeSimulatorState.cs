using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Storefront.Sandbox.Payments;

/// <summary>
/// Everything the Stripe simulator knows, in memory: sessions, payment intents, charges, refunds, events, webhook
/// attempts, idempotency keys and injected faults. One lock guards the objects, so every operation sees and leaves
/// a consistent state.
/// </summary>
public sealed partial class StripeSimulatorState
{
    private readonly Lock _gate = new();
    private readonly StripeSimulatorOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILogger<StripeSimulatorState> _logger;
    private readonly List<SimSession> _sessions = [];
    private readonly Dictionary<string, SimSession> _sessionsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimPaymentIntent> _paymentIntents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimCharge> _charges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimRefund> _refunds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimEvent> _events = new(StringComparer.Ordinal);
    private readonly List<SimEvent> _eventsInOrder = [];
    private readonly List<WebhookAttempt> _attempts = [];
    private readonly Channel<WebhookDelivery> _deliveries = Channel.CreateUnbounded<WebhookDelivery>();
    private long _rateWindow;
    private int _rateCount;

    public StripeSimulatorState(IOptions<StripeSimulatorOptions> options, TimeProvider time, IServiceProvider services, ILogger<StripeSimulatorState> logger)
    {
        _options = options.Value;
        _services = services;
        _logger = logger;
        Time = time;
        Idempotency = new IdempotencyStore(time);
    }

    public TimeProvider Time { get; }

    internal StripeSimulatorOptions Options => _options;

    internal IdempotencyStore Idempotency { get; }

    internal SimulatorFaults Faults { get; } = new();

    internal ChannelReader<WebhookDelivery> Deliveries => _deliveries.Reader;

    public void AddFault(SimulatorFault fault) => Faults.Add(fault);

    public IReadOnlyList<WebhookAttempt> WebhookAttempts()
    {
        lock (_gate)
            return [.. _attempts];
    }

    /// <summary>A stored event as GET /v1/events/{id} shows it, or null.</summary>
    public string? EventJson(string id)
    {
        lock (_gate)
            return _events.TryGetValue(id, out var evt) ? evt.ToJson().ToJsonString() : null;
    }

    internal IReadOnlyList<JsonObject> Events(string? type)
    {
        lock (_gate)
            return [.. _eventsInOrder.Where(e => type is null || e.Type == type).Select(e => e.ToJson())];
    }

    internal bool TryConsumeRateLimit()
    {
        if (_options.RateLimitPerSecond is not { } limit)
            return true;
        var second = Time.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            if (second != _rateWindow)
                (_rateWindow, _rateCount) = (second, 0);
            return ++_rateCount <= limit;
        }
    }

    internal JsonObject GetEvent(string id)
    {
        lock (_gate)
            return _events.TryGetValue(id, out var evt) ? evt.ToJson() : throw SimulatorApiError.NoSuch("event", id, "id");
    }

    /// <summary>Queues another delivery of a stored event; false when the event or a webhook URL is missing.</summary>
    internal bool Resend(string eventId)
    {
        lock (_gate)
        {
            if (!_events.TryGetValue(eventId, out var evt) || ResolveWebhookUrl() is not { } url)
                return false;
            _deliveries.Writer.TryWrite(new WebhookDelivery(evt.Id, evt.Type, evt.Payload, url));
            return true;
        }
    }

    internal void RecordAttempt(WebhookAttempt attempt)
    {
        lock (_gate)
        {
            _attempts.Add(attempt);
            if (attempt.Succeeded && _events.TryGetValue(attempt.EventId, out var evt) && evt.PendingWebhooks > 0)
                evt.PendingWebhooks--;
        }
    }

    /// <summary>Caller holds the lock. The snapshot must be freshly rendered: it is frozen into the event.</summary>
    private void Emit(string type, JsonObject snapshot, EventRequest request, JsonObject? previousAttributes = null)
    {
        var url = ResolveWebhookUrl();
        var id = SimulatorIds.New("evt_");
        var created = Time.GetUtcNow();
        var data = new JsonObject { ["object"] = snapshot };
        if (previousAttributes is not null)
            data["previous_attributes"] = previousAttributes;
        var json = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
            ["created"] = created.ToUnixTimeSeconds(),
            ["data"] = data,
            ["livemode"] = false,
            ["pending_webhooks"] = url is null ? 0 : 1,
            ["request"] = request.ToJson(),
            ["type"] = type,
        };
        var evt = new SimEvent
        {
            Id = id,
            Type = type,
            Created = created,
            Json = json,
            Payload = SimJson.Serialize(json),
            PendingWebhooks = url is null ? 0 : 1,
        };
        _events[id] = evt;
        _eventsInOrder.Add(evt);
        _logger.LogDebug("Simulated Stripe event {EventId} {EventType}", id, type);
        if (url is not null)
            _deliveries.Writer.TryWrite(new WebhookDelivery(id, type, evt.Payload, url));
    }

    private Uri? ResolveWebhookUrl()
    {
        try
        {
            return _options.ResolveWebhookUrl(_services);
        }
        catch (InvalidOperationException ex)
        {
            _logger.LogWarning(ex, "No webhook URL for simulated Stripe events yet");
            return null;
        }
    }
}

internal sealed record WebhookDelivery(string EventId, string EventType, byte[] Payload, Uri Url);

/// <summary>One POST of an event to the webhook endpoint, as listed at /_sim/webhooks/attempts.</summary>
public sealed record WebhookAttempt(
    string EventId,
    string EventType,
    string Url,
    int Attempt,
    DateTimeOffset At,
    int? StatusCode,
    string? Error,
    double DurationMs,
    bool Succeeded);
