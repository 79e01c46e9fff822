using System.Text.Json;
using System.Text.Json.Nodes;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Citrus;
using Storefront.Domain;

namespace Storefront.Sandbox.Citrus;

/// <summary>The __sim controls: usage, activation, account, settings, faults, reset, snapshots.</summary>
public sealed partial class CitrusSimulatorState
{
    public void SetBalance(decimal balanceUsd)
    {
        if (balanceUsd < 0) throw CitrusSimulatorException.Validation("balance_usd must not be negative.");
        lock (_gate) _balanceMicro = Micro.From(balanceUsd);
    }

    /// <summary>
    /// What the dashboard's Stripe top-up does (there is no top-up API, docs/providers/citrus.md §2.1).
    /// </summary>
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
            if (SimBody.Int(body, "latency_ms") is { } latency) Faults.LatencyMs = latency;
            if (SimBody.Dec(body, "error_rate") is { } errorRate) Faults.ErrorRate = (double)errorRate;
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
                ["latency_ms"] = Faults.LatencyMs,
                ["error_rate"] = Faults.ErrorRate,
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
                ["clock_offset_seconds"] = Clock.Offset.TotalSeconds,
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

    /// <summary>Back to the configured start: empty account history, no eSIMs or webhooks, clock at real time.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            Clock.Reset();
            Faults.Reset();
            Initialize();
        }
    }

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

    private static string OneOf(string value, string name, params string[] allowed) =>
        allowed.Contains(value) ? value : throw CitrusSimulatorException.Validation($"{name} must be one of {string.Join(", ", allowed)}.");
}
