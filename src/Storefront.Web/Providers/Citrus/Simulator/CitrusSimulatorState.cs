using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Storefront.Providers.Citrus.Simulator;

/// <summary>
/// The Citrus fake's whole state and rules (notes §5.1), in memory, behind one lock. Endpoints translate HTTP to these
/// methods; <see cref="CitrusSimulatorException"/> becomes the Citrus error body.
/// </summary>
public sealed class CitrusSimulatorState
{
    public const string SmdpHost = "sim-smdp.citrus.test";
    private const string AppleInstallLink = "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=";
    /// <summary>esim.balance_low fires below $5, a fixed threshold (SEED; notes §2.5).</summary>
    private const long LowWalletMicro = 5 * Micro.PerUsd;
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    internal static readonly string[] Statuses =
        [CitrusEsimStatus.Pending, CitrusEsimStatus.Active, CitrusEsimStatus.Suspended, CitrusEsimStatus.Terminated];

    /// <summary>The seed names NO_LIMIT, SPEED_100_KBPS and SPEED_500_KBPS; the values between are assumed (notes §2.4).</summary>
    internal static readonly string[] Speeds =
        ["NO_LIMIT", "SPEED_100_KBPS", "SPEED_250_KBPS", "SPEED_500_KBPS", "SPEED_1000_KBPS", "SPEED_2000_KBPS", "SPEED_5000_KBPS"];

    internal static readonly string[] SubscribableEvents =
    [
        CitrusEvents.EsimProvisioned, CitrusEvents.EsimActivated, CitrusEvents.EsimBalanceLow, CitrusEvents.EsimBalanceDepleted,
        CitrusEvents.EsimDefunded, CitrusEvents.EsimDataSuspended, CitrusEvents.EsimDataResumed, CitrusEvents.EsimTerminated,
        CitrusEvents.BalanceLow, CitrusEvents.BalanceDepleted, CitrusEvents.BalanceToppedUp,
        CitrusEvents.BalanceAutoRefillSucceeded, CitrusEvents.BalanceAutoRefillFailed, CitrusEvents.All,
    ];

    private readonly object _gate = new();
    private readonly CitrusSimulatorClock _clock;
    private readonly CitrusSimulatorOptions _configured;
    private readonly SemaphoreSlim _work = new(0);
    private readonly Dictionary<string, SimEsim> _esims = [];
    private readonly List<SimWebhook> _webhooks = [];
    private readonly List<SimEvent> _events = [];
    private readonly List<SimDelivery> _deliveries = [];
    private readonly Queue<DateTimeOffset> _requests = new();
    private CitrusSimulatorOptions _settings;
    private Random _random;
    private long _sequence;
    private long _balanceMicro;
    private long _lifetimeTopupMicro;
    private long _lifetimeUsageMicro;

    public CitrusSimulatorState(IOptions<CitrusSimulatorOptions> options, CitrusSimulatorClock clock)
    {
        _configured = options.Value;
        _clock = clock;
        Initialize();
        clock.Advanced += () =>
        {
            lock (_gate) Tick();
            Wake();
        };
    }

    public DateTimeOffset Now => _clock.GetUtcNow();

    // ---- Provider API ------------------------------------------------------------------------------------------------

    /// <summary>Auth and the 100/min rolling window (notes §5.1 "Auth and limits").</summary>
    public void Admit(string? authorization)
    {
        var key = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;
        lock (_gate)
        {
            if (key is null || !key.StartsWith("rsk_", StringComparison.Ordinal) || key != _settings.ApiKey)
                throw new CitrusSimulatorException(401, CitrusErrorCodes.InvalidApiKey, "Missing or invalid API key.");
            var now = Now;
            while (_requests.Count > 0 && _requests.Peek() <= now - RateWindow) _requests.Dequeue();
            if (_requests.Count >= _settings.RateLimitPerMinute)
            {
                var wait = _requests.Peek() + RateWindow - now;
                throw new CitrusSimulatorException(429, CitrusErrorCodes.RateLimited,
                    $"Rate limit of {_settings.RateLimitPerMinute} requests per minute exceeded.")
                {
                    RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)),
                };
            }
            _requests.Enqueue(now);
        }
    }

    public JsonObject Provision(string? endUserReference, string? label, bool hasGroupId)
    {
        if (hasGroupId) throw CitrusSimulatorException.Validation("Groups are not supported by the simulator.");
        if (endUserReference?.Length > 100 || label?.Length > 100)
            throw CitrusSimulatorException.Validation("end_user_reference and label are at most 100 characters.");
        lock (_gate)
        {
            Tick();
            if (_settings.Inventory == 0)
                throw new CitrusSimulatorException(503, CitrusErrorCodes.NoEsimsAvailable, "No eSIMs are available right now; try again later.");
            var fee = Micro.From(_settings.ProvisionFeeUsd);
            if (_balanceMicro < fee)
                throw new CitrusSimulatorException(402, CitrusErrorCodes.InsufficientBalance,
                    $"Provisioning costs {_settings.ProvisionFeeUsd} USD; the account balance is {Micro.ToUsd(_balanceMicro)} USD.");

            var before = _balanceMicro;
            _balanceMicro -= fee;
            _lifetimeUsageMicro += fee;
            if (_settings.Inventory is { } left) _settings.Inventory = left - 1;

            var esim = NewEsim(endUserReference, label);
            _esims.Add(esim.Iccid, esim);
            Emit(CitrusEvents.EsimProvisioned, new JsonObject { ["iccid"] = esim.Iccid });
            AfterDebit(before, spend: true);

            var json = EsimJson(esim);
            json["cost"] = _settings.ProvisionFeeUsd;
            json["balance_remaining"] = Micro.ToUsd(_balanceMicro);
            return json;
        }
    }

    public JsonObject Fund(string iccid, JsonElement? amountElement)
    {
        lock (_gate)
        {
            Tick();
            var esim = Mutable(iccid);
            if (esim.Defund is not null)
                throw new CitrusSimulatorException(409, CitrusErrorCodes.DefundAlreadyPending, "A defund is settling; the eSIM cannot be funded until it completes.");
            var amount = ParseFundAmount(amountElement);
            var debit = Micro.From(amount);
            if (_balanceMicro < debit)
                throw new CitrusSimulatorException(402, CitrusErrorCodes.InsufficientBalance,
                    $"Funding {amount} USD needs more than the account balance of {Micro.ToUsd(_balanceMicro)} USD.");

            var before = _balanceMicro;
            _balanceMicro -= debit;
            _lifetimeUsageMicro += debit;

            var credit = _settings.RoundingModel == CitrusRoundingModels.FloorCents
                ? debit
                : (long)Math.Floor(amount * 100m / 0.9m) * 9_000; // retail cents R = floor(amount / 0.9), worth R × 0.9
            esim.WalletMicro += credit;
            // The funded amount shows at once (the seed reads the wallet right after funding); usage figures pause.
            esim.ReportedWalletMicro += credit;
            esim.DataCut = false;
            esim.DepletedNotified = false;
            if (esim.SuspendedByDepletion)
            {
                esim.Status = esim.SuspendedFrom ?? CitrusEsimStatus.Active;
                esim.SuspendedByDepletion = false;
            }
            if (esim.WalletMicro >= LowWalletMicro) esim.LowArmed = true;
            if (!_settings.Realtime) esim.ReportPausedUntil = Now + _settings.FundReportPause;
            AfterDebit(before, spend: false);

            var json = EsimJson(esim);
            json["funded_usd"] = amount;
            return json;
        }
    }

    public JsonObject Get(string iccid)
    {
        lock (_gate)
        {
            Tick();
            return EsimJson(Find(iccid));
        }
    }

    public JsonObject List(string? status, string? limitText, string? offsetText)
    {
        if (status is not null && !Statuses.Contains(status))
            throw CitrusSimulatorException.Validation($"status must be one of {string.Join(", ", Statuses)}.");
        var limit = ParseQueryInt(limitText, "limit", 50);
        var offset = ParseQueryInt(offsetText, "offset", 0);
        if (limit is < 1 or > 200) throw CitrusSimulatorException.Validation("limit must be between 1 and 200.");
        if (offset < 0) throw CitrusSimulatorException.Validation("offset must not be negative.");
        lock (_gate)
        {
            Tick();
            var matching = _esims.Values
                .Where(e => status is null || e.Status == status)
                .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Seq)
                .ToList();
            return new JsonObject
            {
                ["esims"] = new JsonArray(matching.Skip(offset).Take(limit).Select(e => (JsonNode)EsimJson(e)).ToArray()),
                ["total"] = matching.Count,
            };
        }
    }

    public JsonObject Throttle(string iccid, JsonElement? speedElement)
    {
        lock (_gate)
        {
            Tick();
            var esim = Mutable(iccid);
            var speed = speedElement is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
            if (speed is null || !Speeds.Contains(speed))
                throw CitrusSimulatorException.Validation($"speed must be one of {string.Join(", ", Speeds)}.");
            esim.Speed = speed;
            return EsimJson(esim);
        }
    }

    /// <summary>Pauses data; idempotent (a second call changes nothing and emits nothing).</summary>
    public JsonObject Disable(string iccid)
    {
        lock (_gate)
        {
            Tick();
            var esim = Mutable(iccid);
            if (esim.Status != CitrusEsimStatus.Suspended)
            {
                esim.SuspendedFrom = esim.Status;
                esim.Status = CitrusEsimStatus.Suspended;
                Emit(CitrusEvents.EsimDataSuspended, new JsonObject { ["iccid"] = esim.Iccid });
            }
            return EsimJson(esim);
        }
    }

    /// <summary>Resumes data; idempotent; refused while a defund settles (notes §2.4).</summary>
    public JsonObject Enable(string iccid)
    {
        lock (_gate)
        {
            Tick();
            var esim = Mutable(iccid);
            if (esim.Defund is not null)
                throw new CitrusSimulatorException(409, CitrusErrorCodes.DefundAlreadyPending, "A defund is settling; the eSIM cannot be enabled until it completes.");
            if (esim.Status == CitrusEsimStatus.Suspended)
            {
                esim.Status = esim.SuspendedFrom ?? CitrusEsimStatus.Active;
                esim.SuspendedByDepletion = false;
                Emit(CitrusEvents.EsimDataResumed, new JsonObject { ["iccid"] = esim.Iccid });
            }
            return EsimJson(esim);
        }
    }

    public JsonObject Terminate(string iccid)
    {
        lock (_gate)
        {
            Tick();
            var esim = Mutable(iccid);
            esim.Status = CitrusEsimStatus.Terminated;
            esim.Defund = null;
            esim.WalletMicro = 0;
            esim.ReportedWalletMicro = 0;
            esim.DataCut = true;
            Emit(CitrusEvents.EsimTerminated, new JsonObject { ["iccid"] = esim.Iccid });
            return EsimJson(esim);
        }
    }

    /// <summary>Starts returning the displayed wallet to the account; settles after <see cref="CitrusSimulatorOptions.DefundSettleTime"/>.</summary>
    public JsonObject Defund(string iccid)
    {
        lock (_gate)
        {
            Tick();
            var esim = Mutable(iccid);
            if (esim.Defund is not null)
                throw new CitrusSimulatorException(409, CitrusErrorCodes.DefundAlreadyPending, "A defund is already settling for this eSIM.");
            var estimate = Micro.FloorCents(esim.ReportedWalletMicro);
            if (estimate == 0)
                throw new CitrusSimulatorException(400, CitrusErrorCodes.NoBalanceToReturn, "The eSIM wallet is empty.");
            esim.Defund = new SimDefund(Now + _settings.DefundSettleTime, estimate);
            return new JsonObject
            {
                ["estimated_return_usd"] = Micro.ToUsd(estimate),
                ["settles_in_minutes"] = (int)Math.Ceiling(_settings.DefundSettleTime.TotalMinutes),
            };
        }
    }

    public JsonObject Rates(string? country, string? continent)
    {
        var countries = CitrusRatesFixture.Countries
            .Where(c => country is null || CitrusRatesFixture.Matches(c, country))
            .Where(c => continent is null || string.Equals(c.Continent, continent, StringComparison.OrdinalIgnoreCase))
            .Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["flag"] = c.Flag,
                ["iso2"] = c.Iso2,
                ["iso3"] = c.Iso3,
                ["continent"] = c.Continent,
                ["has_data"] = c.HasData,
                ["cheapest_per_gb_usd"] = c.Cheapest?.PerGbUsd,
                ["cheapest_operator"] = c.Cheapest?.Operator,
                ["networks"] = new JsonArray(c.Networks.Select(n => (JsonNode)new JsonObject
                {
                    ["operator"] = n.Operator,
                    ["per_gb_usd"] = n.PerGbUsd,
                    ["per_mb_usd"] = decimal.Round(n.PerGbUsd / 1000m, 5),
                }).ToArray()),
            })
            .ToArray();
        return new JsonObject
        {
            ["countries"] = new JsonArray(countries),
            ["total_countries"] = countries.Length,
            ["discount"] = CitrusRatesFixture.Discount,
        };
    }

    public JsonObject WalletBalance()
    {
        lock (_gate)
        {
            Tick();
            return new JsonObject
            {
                ["balance_usd"] = Micro.ToUsd(_balanceMicro),
                ["currency"] = "USD",
                ["lifetime_topup_usd"] = Micro.ToUsd(_lifetimeTopupMicro),
                ["lifetime_usage_usd"] = Micro.ToUsd(_lifetimeUsageMicro),
            };
        }
    }

    public JsonObject Account()
    {
        lock (_gate)
        {
            Tick();
            return new JsonObject
            {
                ["company_name"] = _settings.CompanyName,
                ["balance_usd"] = Micro.ToUsd(_balanceMicro),
                ["account_status"] = "active",
            };
        }
    }

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

    /// <summary>A <c>webhook.test</c> delivery (event name assumed, notes §6.6), made at once and never retried.</summary>
    internal DeliveryWork CreateTestDelivery(string webhookId)
    {
        lock (_gate)
        {
            var webhook = FindWebhook(webhookId);
            var (eventId, body) = Envelope(CitrusEvents.WebhookTest, []);
            var delivery = NewDelivery(webhook, eventId, CitrusEvents.WebhookTest, body, isTest: true);
            delivery.InFlight = true;
            return new DeliveryWork(delivery.Id, webhook.Url, body, delivery.Signature);
        }
    }

    // ---- Control (__sim) ---------------------------------------------------------------------------------------------

    public void SetBalance(decimal balanceUsd)
    {
        if (balanceUsd < 0) throw CitrusSimulatorException.Validation("balance_usd must not be negative.");
        lock (_gate) _balanceMicro = Micro.From(balanceUsd);
    }

    /// <summary>What the dashboard's Stripe top-up does (there is no top-up API, notes §2.1).</summary>
    public JsonObject TopUp(decimal amountUsd)
    {
        if (amountUsd <= 0) throw CitrusSimulatorException.Validation("amount must be positive.");
        lock (_gate)
        {
            _balanceMicro += Micro.From(amountUsd);
            _lifetimeTopupMicro += Micro.From(amountUsd);
            Emit(CitrusEvents.BalanceToppedUp, new JsonObject
            {
                ["amount_usd"] = amountUsd,
                ["new_balance_usd"] = Micro.ToUsd(_balanceMicro),
            });
            return WalletBalance();
        }
    }

    public void SetAutoRefill(bool? enabled, decimal? thresholdUsd, decimal? amountUsd, bool? cardOk)
    {
        lock (_gate)
        {
            if (enabled is { } e) _settings.AutoRefillEnabled = e;
            if (thresholdUsd is { } t) _settings.AutoRefillThresholdUsd = t;
            if (amountUsd is { } a) _settings.AutoRefillAmountUsd = a;
            if (cardOk is { } ok) _settings.AutoRefillCardDeclines = !ok;
        }
    }

    /// <summary>
    /// Data used by the eSIM: <paramref name="bytes"/> in a country (at the operator's or the cheapest rate) or a
    /// dollar amount. Drains the wallet, never below zero; a pending eSIM is activated by its first usage.
    /// </summary>
    public JsonObject Usage(string iccid, long? bytes, string? countryIso2, string? operatorName, decimal? usd)
    {
        lock (_gate)
        {
            Tick();
            var esim = Find(iccid);
            var cost = usd is { } dollars
                ? dollars > 0 ? Micro.From(dollars) : throw CitrusSimulatorException.Validation("usd must be positive.")
                : UsageCost(bytes, countryIso2, operatorName);

            if (esim.Status == CitrusEsimStatus.Pending) Activate(esim);
            var ignored = esim.Status == CitrusEsimStatus.Terminated ? "terminated"
                : esim.Status != CitrusEsimStatus.Active ? "suspended"
                : esim.Defund is not null ? "defund_pending"
                : esim.DataCut || esim.WalletMicro == 0 ? "no_balance"
                : null;
            long charged = 0;
            if (ignored is null)
            {
                charged = Math.Min(cost, esim.WalletMicro);
                esim.WalletMicro -= charged;
                esim.ChargedMicro += charged;
                if (esim.WalletMicro == 0) esim.DataCut = true;
                Report(esim, force: _settings.Realtime);
            }
            return new JsonObject
            {
                ["iccid"] = esim.Iccid,
                ["charged_usd"] = Micro.ToUsd(charged),
                ["wallet_usd"] = Micro.ToUsd(esim.WalletMicro),
                ["reported_wallet_balance_usd"] = Micro.FloorCentsUsd(esim.ReportedWalletMicro),
                ["ignored"] = ignored,
            };
        }
    }

    /// <summary>The user installs the eSIM: RELEASED → … → ENABLED, status active, esim.activated.</summary>
    public JsonObject Activate(string iccid)
    {
        lock (_gate)
        {
            Tick();
            var esim = Find(iccid);
            if (esim.Status == CitrusEsimStatus.Terminated)
                throw new CitrusSimulatorException(400, CitrusErrorCodes.EsimAlreadyTerminated, "The eSIM is terminated.");
            Activate(esim);
            return EsimJson(esim);
        }
    }

    public JsonObject UpdateSettings(JsonElement body)
    {
        lock (_gate)
        {
            var s = _settings;
            if (SimBody.Bool(body, "realtime") is { } realtime)
            {
                if (realtime && !s.Realtime) foreach (var e in _esims.Values) e.ReportPausedUntil = DateTimeOffset.MinValue;
                s.Realtime = realtime;
            }
            if (SimBody.Str(body, "rounding_model") is { } rounding) s.RoundingModel = OneOf(rounding, "rounding_model", CitrusRoundingModels.Retail09, CitrusRoundingModels.FloorCents);
            if (SimBody.Str(body, "depletion_status") is { } depletion) s.DepletionStatus = OneOf(depletion, "depletion_status", "active", "suspended");
            if (SimBody.Str(body, "defund_settled_status") is { } settled) s.DefundSettledStatus = OneOf(settled, "defund_settled_status", "suspended", "previous");
            if (body.TryGetProperty("inventory", out var inventory))
                s.Inventory = inventory.ValueKind == JsonValueKind.Null ? null : SimBody.Int(body, "inventory");
            if (SimBody.Int(body, "rate_limit_per_minute") is { } rate) s.RateLimitPerMinute = rate;
            if (SimBody.Dec(body, "low_balance_threshold_usd") is { } low) s.LowBalanceThresholdUsd = low;
            if (SimBody.Int(body, "latency_ms") is { } latency) s.LatencyMs = latency;
            if (SimBody.Dec(body, "error_rate") is { } errorRate) s.ErrorRate = (double)errorRate;
            if (SimBody.Int(body, "report_interval_seconds") is { } interval) s.ReportInterval = TimeSpan.FromSeconds(interval);
            return Settings();
        }
    }

    public JsonObject Settings()
    {
        lock (_gate)
        {
            var s = _settings;
            return new JsonObject
            {
                ["realtime"] = s.Realtime,
                ["rounding_model"] = s.RoundingModel,
                ["depletion_status"] = s.DepletionStatus,
                ["defund_settled_status"] = s.DefundSettledStatus,
                ["inventory"] = s.Inventory,
                ["rate_limit_per_minute"] = s.RateLimitPerMinute,
                ["low_balance_threshold_usd"] = s.LowBalanceThresholdUsd,
                ["latency_ms"] = s.LatencyMs,
                ["error_rate"] = s.ErrorRate,
                ["report_interval_seconds"] = (int)s.ReportInterval.TotalSeconds,
                ["auto_refill"] = new JsonObject
                {
                    ["enabled"] = s.AutoRefillEnabled,
                    ["threshold_usd"] = s.AutoRefillThresholdUsd,
                    ["amount_usd"] = s.AutoRefillAmountUsd,
                    ["card_ok"] = !s.AutoRefillCardDeclines,
                },
            };
        }
    }

    /// <summary>Everything, including what the API hides (exact wallets, latches), for tests and the sandbox page.</summary>
    public JsonObject Snapshot()
    {
        lock (_gate)
        {
            Tick();
            return new JsonObject
            {
                ["now"] = Iso(Now),
                ["clock_offset_seconds"] = _clock.Offset.TotalSeconds,
                ["account"] = WalletBalance(),
                ["settings"] = Settings(),
                ["esims"] = new JsonArray(_esims.Values.OrderBy(e => e.Seq).Select(e => (JsonNode)new JsonObject
                {
                    ["iccid"] = e.Iccid,
                    ["end_user_reference"] = e.EndUserReference,
                    ["status"] = e.Status,
                    ["wallet_exact_usd"] = Micro.ToUsd(e.WalletMicro),
                    ["wallet_reported_usd"] = Micro.FloorCentsUsd(e.ReportedWalletMicro),
                    ["charged_exact_usd"] = Micro.ToUsd(e.ChargedMicro),
                    ["data_cut"] = e.DataCut,
                    ["low_armed"] = e.LowArmed,
                    ["speed"] = e.Speed,
                    ["defund_settles_at"] = e.Defund is { } d ? Iso(d.SettlesAt) : null,
                    ["report_paused_until"] = e.ReportPausedUntil > Now ? Iso(e.ReportPausedUntil) : null,
                }).ToArray()),
                ["webhooks"] = new JsonArray(_webhooks.Select(w =>
                {
                    var json = w.ToJson();
                    json["consecutive_failures"] = w.ConsecutiveFailures;
                    return (JsonNode)json;
                }).ToArray()),
            };
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

    public JsonArray Faults()
    {
        lock (_gate)
            return new JsonArray(_settings.Faults.Select(f => JsonSerializer.SerializeToNode(f, SimBody.Json)).ToArray());
    }

    public void AddFault(CitrusFaultRule rule)
    {
        if (rule.Kind is not (CitrusFaultKinds.Error or CitrusFaultKinds.Hang or CitrusFaultKinds.LostResponse or CitrusFaultKinds.Latency))
            throw CitrusSimulatorException.Validation("kind must be error, hang, lost_response or latency.");
        if (rule.Kind == CitrusFaultKinds.Error && rule.Status is < 400 or > 599)
            throw CitrusSimulatorException.Validation("status must be an HTTP error status.");
        lock (_gate) _settings.Faults.Add(rule);
    }

    public void ClearFaults()
    {
        lock (_gate)
        {
            _settings.Faults.Clear();
            _settings.LatencyMs = 0;
            _settings.ErrorRate = 0;
        }
    }

    /// <summary>Back to the configured start: empty account history, no eSIMs or webhooks, clock at real time.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _clock.Reset();
            Initialize();
        }
    }

    // ---- Time, reports and events --------------------------------------------------------------------------------------

    /// <summary>Runs what is due at the current virtual time: defund settlements and usage reports.</summary>
    internal void Tick()
    {
        lock (_gate)
        {
            var now = Now;
            foreach (var esim in _esims.Values)
            {
                if (esim.Defund is { } defund && now >= defund.SettlesAt) Settle(esim);
                if (esim.Status != CitrusEsimStatus.Terminated) Report(esim, force: _settings.Realtime);
            }
        }
    }

    /// <summary>Faults for one provider call: added latency, and the rule (or random 5xx) that applies, if any.</summary>
    internal (int LatencyMs, CitrusFaultRule? Rule) NextFault(string method, string path)
    {
        lock (_gate)
        {
            var latency = _settings.LatencyMs;
            var faults = _settings.Faults;
            var index = faults.FindIndex(f => FaultMatches(f, method, path));
            CitrusFaultRule? rule = null;
            if (index >= 0)
            {
                rule = faults[index];
                if (rule.Count is { } count)
                {
                    if (count <= 1) faults.RemoveAt(index);
                    else faults[index] = rule with { Count = count - 1 };
                }
                if (rule.Kind == CitrusFaultKinds.Latency)
                {
                    latency += rule.LatencyMs;
                    rule = null;
                }
            }
            if (rule is null && _settings.ErrorRate > 0 && _random.NextDouble() < _settings.ErrorRate)
                rule = new CitrusFaultRule { Kind = CitrusFaultKinds.Error, Status = new[] { 500, 502, 503 }[_random.Next(3)] };
            return (latency, rule);
        }
    }

    internal TimeSpan HangFor
    {
        get { lock (_gate) return _settings.HangFor; }
    }

    internal TimeSpan WebhookTimeout
    {
        get { lock (_gate) return _settings.WebhookTimeout; }
    }

    /// <summary>
    /// The oldest due delivery, marked in flight; one at a time, so a webhook disabled by one failure gets no more.
    /// </summary>
    internal DeliveryWork? TakeNextDueDelivery()
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
                return new DeliveryWork(delivery.Id, webhook.Url, delivery.Body, delivery.Signature);
            }
            return null;
        }
    }

    /// <summary>
    /// Records one attempt: 2xx delivers; anything else schedules the next retry, and the 10th consecutive failure of a
    /// webhook disables it (CODE: brief; notes §2.5).
    /// </summary>
    internal void RecordAttempt(string deliveryId, int? statusCode, string? error)
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

    internal Task WaitForWorkAsync(TimeSpan timeout, CancellationToken ct) => _work.WaitAsync(timeout, ct);

    internal static string Iso(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private void Wake()
    {
        if (_work.CurrentCount == 0) _work.Release();
    }

    /// <summary>
    /// Publishes the wallet as the API shows it. Without <see cref="CitrusSimulatorOptions.Realtime"/> this happens every
    /// report interval and not while paused after a fund; usage balance events fire only here (notes §2.6, §5.1).
    /// </summary>
    private void Report(SimEsim esim, bool force)
    {
        var now = Now;
        if (!force && (now < esim.ReportPausedUntil || now < esim.LastReportAt + _settings.ReportInterval)) return;
        esim.ReportedWalletMicro = esim.WalletMicro;
        esim.ReportedChargedMicro = esim.ChargedMicro;
        esim.LastReportAt = now;

        if (esim.LowArmed && esim.ReportedWalletMicro < LowWalletMicro)
        {
            esim.LowArmed = false;
            Emit(CitrusEvents.EsimBalanceLow, new JsonObject
            {
                ["iccid"] = esim.Iccid,
                ["wallet_balance_usd"] = Micro.FloorCentsUsd(esim.ReportedWalletMicro),
            });
        }
        if (esim.DataCut && !esim.DepletedNotified && esim.ReportedWalletMicro == 0)
        {
            esim.DepletedNotified = true;
            if (_settings.DepletionStatus == CitrusEsimStatus.Suspended && esim.Status == CitrusEsimStatus.Active)
            {
                esim.SuspendedFrom = esim.Status;
                esim.Status = CitrusEsimStatus.Suspended;
                esim.SuspendedByDepletion = true;
            }
            Emit(CitrusEvents.EsimBalanceDepleted, new JsonObject { ["iccid"] = esim.Iccid, ["wallet_balance_usd"] = 0m });
        }
    }

    /// <summary>The account gets the displayed wallet at settle time, which may be under the estimate (notes §2.4).</summary>
    private void Settle(SimEsim esim)
    {
        var returned = Micro.FloorCents(esim.WalletMicro);
        _balanceMicro += returned;
        esim.Defund = null;
        esim.WalletMicro = 0;
        esim.ReportedWalletMicro = 0;
        esim.DataCut = true;
        esim.DepletedNotified = true;
        esim.LowArmed = false;
        if (_settings.DefundSettledStatus == CitrusEsimStatus.Suspended && esim.Status != CitrusEsimStatus.Suspended)
        {
            esim.SuspendedFrom = esim.Status;
            esim.Status = CitrusEsimStatus.Suspended;
        }
        Emit(CitrusEvents.EsimDefunded, new JsonObject { ["iccid"] = esim.Iccid, ["returned_usd"] = Micro.ToUsd(returned) });
    }

    private void Activate(SimEsim esim)
    {
        if (esim.ActivatedAt is not null) return;
        esim.EuiccState = "ENABLED";
        esim.ActivatedAt = Now;
        if (esim.Status == CitrusEsimStatus.Pending) esim.Status = CitrusEsimStatus.Active;
        else if (esim.SuspendedFrom == CitrusEsimStatus.Pending) esim.SuspendedFrom = CitrusEsimStatus.Active;
        Emit(CitrusEvents.EsimActivated, new JsonObject { ["iccid"] = esim.Iccid, ["activated_at"] = Iso(esim.ActivatedAt.Value) });
    }

    /// <summary>balance.low when the account crosses its threshold, balance.depleted at 0; auto-refill only after spend.</summary>
    private void AfterDebit(long before, bool spend)
    {
        var threshold = Micro.From(_settings.LowBalanceThresholdUsd);
        if (before >= threshold && _balanceMicro < threshold)
            Emit(CitrusEvents.BalanceLow, new JsonObject { ["balance_usd"] = Micro.ToUsd(_balanceMicro) });
        if (before > 0 && _balanceMicro == 0)
            Emit(CitrusEvents.BalanceDepleted, new JsonObject { ["balance_usd"] = 0m });

        // Funding is an internal transfer, not spend, so it never triggers auto-refill (notes §2.4 fund).
        if (!spend || !_settings.AutoRefillEnabled || _balanceMicro >= Micro.From(_settings.AutoRefillThresholdUsd)) return;
        if (_settings.AutoRefillCardDeclines)
        {
            _settings.AutoRefillEnabled = false;
            Emit(CitrusEvents.BalanceAutoRefillFailed, new JsonObject
            {
                ["amount_usd"] = _settings.AutoRefillAmountUsd,
                ["current_balance_usd"] = Micro.ToUsd(_balanceMicro),
                ["failure_code"] = "card_declined",
                ["failure_message"] = "Your card was declined.",
            });
            return;
        }
        var amount = Micro.From(_settings.AutoRefillAmountUsd);
        _balanceMicro += amount;
        _lifetimeTopupMicro += amount;
        Emit(CitrusEvents.BalanceAutoRefillSucceeded, new JsonObject
        {
            ["amount_usd"] = _settings.AutoRefillAmountUsd,
            ["new_balance_usd"] = Micro.ToUsd(_balanceMicro),
        });
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
            // Lowercase hex HMAC-SHA256 of the raw body, keyed with the whole whsec_ secret (notes §5.1).
            Signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhook.Secret), Encoding.UTF8.GetBytes(body))),
            IsTest = isTest,
            NextAttemptAt = Now,
        };
        _deliveries.Add(delivery);
        return delivery;
    }

    // ---- Helpers -------------------------------------------------------------------------------------------------------

    [MemberNotNull(nameof(_settings), nameof(_random))]
    private void Initialize()
    {
        _settings = _configured.Clone();
        _random = _settings.Seed is { } seed ? new Random(seed) : new Random();
        _esims.Clear();
        _webhooks.Clear();
        _events.Clear();
        _deliveries.Clear();
        _requests.Clear();
        _sequence = 0;
        _balanceMicro = Micro.From(_settings.StartingBalanceUsd);
        _lifetimeTopupMicro = _balanceMicro;
        _lifetimeUsageMicro = 0;
    }

    private SimEsim NewEsim(string? endUserReference, string? label)
    {
        string iccid;
        do iccid = NewIccid(); while (_esims.ContainsKey(iccid));
        var matchingId = new string(_random.GetItems("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".AsSpan(), 20));
        var lpa = $"LPA:1${SmdpHost}${matchingId}";
        var now = Now;
        return new SimEsim
        {
            Seq = ++_sequence,
            Id = "esim_" + Ulid(),
            Iccid = iccid,
            Lpa = lpa,
            QrCode = QrDataUrl(lpa),
            InstallUrl = AppleInstallLink + Uri.EscapeDataString(lpa),
            EndUserReference = endUserReference,
            Label = label,
            CreatedAt = now,
            LastReportAt = now,
        };
    }

    /// <summary>19 digits: 891030 (as observed, notes §2.3), 12 random digits and a Luhn check digit.</summary>
    private string NewIccid()
    {
        var digits = "891030" + string.Concat(Enumerable.Range(0, 12).Select(_ => _random.Next(10)));
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return digits + (10 - sum % 10) % 10;
    }

    private static string QrDataUrl(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }

    private string Ulid()
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<char> chars = stackalloc char[26];
        var ms = Now.ToUnixTimeMilliseconds();
        for (var i = 9; i >= 0; i--, ms >>= 5) chars[i] = alphabet[(int)(ms & 31)];
        for (var i = 10; i < 26; i++) chars[i] = alphabet[_random.Next(32)];
        return new string(chars);
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private JsonObject EsimJson(SimEsim e) => new()
    {
        ["id"] = e.Id,
        ["iccid"] = e.Iccid,
        ["lpa_string"] = e.Lpa,
        ["qr_code"] = e.QrCode,
        ["direct_install_url"] = e.InstallUrl,
        ["status"] = e.Status,
        ["euicc_state"] = e.EuiccState,
        ["wallet_balance_usd"] = Micro.FloorCentsUsd(e.ReportedWalletMicro),
        ["total_data_charged_usd"] = Micro.RoundCentsUsd(e.ReportedChargedMicro),
        ["activated_at"] = e.ActivatedAt is { } at ? Iso(at) : null,
        ["group_id"] = null,
        ["end_user_reference"] = e.EndUserReference,
        ["label"] = e.Label,
        ["created_at"] = Iso(e.CreatedAt),
        ["speed"] = e.Speed,
    };

    private SimEsim Find(string iccid) =>
        _esims.GetValueOrDefault(iccid)
        ?? throw new CitrusSimulatorException(404, CitrusErrorCodes.EsimNotFound, $"No eSIM with ICCID {iccid}.");

    private SimEsim Mutable(string iccid)
    {
        var esim = Find(iccid);
        if (esim.Status == CitrusEsimStatus.Terminated)
            throw new CitrusSimulatorException(400, CitrusErrorCodes.EsimAlreadyTerminated, "The eSIM is terminated.");
        return esim;
    }

    private SimWebhook FindWebhook(string id) =>
        _webhooks.FirstOrDefault(w => w.Id == id)
        ?? throw new CitrusSimulatorException(404, "WEBHOOK_NOT_FOUND", $"No webhook {id}.");

    private long UsageCost(long? bytes, string? countryIso2, string? operatorName)
    {
        if (bytes is not { } used || used < 0) throw CitrusSimulatorException.Validation("bytes (non-negative) or usd is required.");
        var country = countryIso2 is null ? null : CitrusRatesFixture.Find(countryIso2);
        if (country is not { HasData: true })
            throw CitrusSimulatorException.Validation("country_iso2 must be a country with data in /rates.");
        var network = operatorName is null
            ? country.Cheapest!
            : country.Networks.FirstOrDefault(n => string.Equals(n.Operator, operatorName, StringComparison.OrdinalIgnoreCase))
              ?? throw CitrusSimulatorException.Validation($"No operator '{operatorName}' in {country.Name}.");
        return Micro.From(used * network.PerGbUsd / _settings.BytesPerGb);
    }

    /// <summary>A JSON number of whole cents between 0.01 and 10000 (notes §2.4 fund).</summary>
    private static decimal ParseFundAmount(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Number } number || !number.TryGetDecimal(out var amount))
            throw CitrusSimulatorException.Validation("amount must be a number.");
        if (amount is < 0.01m or > 10000m)
            throw CitrusSimulatorException.Validation("amount must be between 0.01 and 10000.");
        if (decimal.Round(amount, 2) != amount)
            throw CitrusSimulatorException.Validation("amount must have at most 2 decimals.");
        return amount;
    }

    private static int ParseQueryInt(string? text, string name, int fallback) =>
        text is null ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw CitrusSimulatorException.Validation($"{name} must be an integer.");

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

    private static bool FaultMatches(CitrusFaultRule rule, string method, string path)
    {
        if (rule.Method is not null && !string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase)) return false;
        if (rule.Path == "*") return true;
        var pattern = rule.Path.Trim('/').Split('/');
        var segments = path.Trim('/').Split('/');
        return pattern.Length == segments.Length && pattern.Zip(segments).All(p =>
            p.First == "*" || p.First.StartsWith('{') || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
    }

    private static string OneOf(string value, string name, params string[] allowed) =>
        allowed.Contains(value) ? value : throw CitrusSimulatorException.Validation($"{name} must be one of {string.Join(", ", allowed)}.");
}
