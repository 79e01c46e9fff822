using System.Text.Json;
using System.Text.Json.Nodes;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Esimfly;
using Storefront.Domain;

namespace Storefront.Sandbox.Esimfly;

/// <summary>The __sim controls: the eSIM lifecycle, the account, settings, faults, reset and snapshots.</summary>
public sealed partial class EsimflySimulatorState
{
    /// <summary>The traveller installs the profile: profileStatus becomes installed, the status stays NEW until first use.</summary>
    public JsonObject Install(string iccid)
    {
        lock (_gate)
        {
            Tick();
            var esim = Live(iccid);
            if (esim.ProfileStatus == "nodownload") esim.ProfileStatus = "installed";
            return EsimJson(esim);
        }
    }

    /// <summary>
    /// First network attach: ACTIVE, validity starts now (first-use activation, docs/providers/esimfly.md §1.7).
    /// </summary>
    public JsonObject Activate(string iccid)
    {
        lock (_gate)
        {
            Tick();
            var esim = Live(iccid);
            Activate(esim);
            return EsimJson(esim);
        }
    }

    /// <summary>Data used: activates a NEW eSIM, drains a limited one to DEPLETED; ignored when not ACTIVE.</summary>
    public JsonObject Consume(string iccid, long mb)
    {
        if (mb <= 0) throw Validation("mb must be a positive integer.");
        lock (_gate)
        {
            Tick();
            var esim = Live(iccid);
            if (esim.Status == EsimflyEsimStatus.New) Activate(esim);
            string? ignored = null;
            if (esim.Status != EsimflyEsimStatus.Active) ignored = esim.Status;
            else
            {
                esim.UsedMb = esim.Unlimited ? esim.UsedMb + mb : Math.Min(esim.TotalMb, esim.UsedMb + mb);
                if (!esim.Unlimited && esim.RemainingMb == 0) esim.Status = EsimflyEsimStatus.Depleted;
            }
            var json = EsimJson(esim);
            json["ignored"] = ignored;
            return json;
        }
    }

    /// <summary>Forces a status (e.g. DELETED or CANCELLED, which are terminal; USED_EXPIRED shows as EXPIRED).</summary>
    public JsonObject SetStatus(string iccid, string? status)
    {
        var wanted = status?.ToUpperInvariant();
        if (wanted is null || !ListStatuses.Contains(wanted) && wanted != EsimflyEsimStatus.UsedExpired)
            throw Validation($"status must be one of {string.Join(", ", ListStatuses)} or {EsimflyEsimStatus.UsedExpired}.");
        lock (_gate)
        {
            Tick();
            var esim = Find(iccid);
            esim.UsedExpired = wanted == EsimflyEsimStatus.UsedExpired;
            esim.Status = esim.UsedExpired ? EsimflyEsimStatus.Expired : wanted;
            if (esim.Status == EsimflyEsimStatus.Active && esim.ActivatedAt is null) Activate(esim);
            return EsimJson(esim);
        }
    }

    /// <summary>Makes a pending (asynchronous) order ready now.</summary>
    public JsonObject CompleteOrder(string reference)
    {
        lock (_gate)
        {
            var order = _orders.FirstOrDefault(o => o.Reference == reference) ?? throw new EsimflySimulatorException(404,
                new JsonObject { ["error"] = "ORDER_NOT_FOUND", ["message"] = $"No order {reference}." });
            if (order.Status == EsimflyOrderStatus.Pending) order.ReadyAt = Now;
        }
        return OrderStatus(reference);
    }

    public void SetBalance(decimal balanceUsd)
    {
        if (balanceUsd < 0) throw Validation("balance_usd must not be negative.");
        lock (_gate) _balance = balanceUsd;
    }

    public JsonObject UpdateSettings(JsonElement body)
    {
        lock (_gate)
        {
            var s = _settings;
            if (SimBody.Int(body, "rate_limit_per_hour") is { } limit) s.RateLimitPerHour = limit > 0 ? limit : throw Validation("rate_limit_per_hour must be positive.");
            if (SimBody.Int(body, "rate_limit_window_seconds") is { } window) s.RateLimitWindow = window > 0 ? TimeSpan.FromSeconds(window) : throw Validation("rate_limit_window_seconds must be positive.");
            if (SimBody.Str(body, "reset_header_format") is { } format) s.ResetHeaderFormat = OneOf(format, "reset_header_format", EsimflyResetFormats.Iso8601, EsimflyResetFormats.UnixSeconds);
            if (SimBody.Bool(body, "strict_signature_case") is { } strict) s.StrictSignatureCase = strict;
            if (SimBody.Int(body, "timestamp_tolerance_seconds") is { } tolerance) s.TimestampTolerance = TimeSpan.FromSeconds(tolerance);
            if (SimBody.Bool(body, "reject_future_timestamps") is { } future) s.RejectFutureTimestamps = future;
            if (SimBody.Int(body, "invalid_timestamp_status") is { } tsStatus) s.InvalidTimestampStatus = tsStatus is >= 400 and <= 499 ? tsStatus : throw Validation("invalid_timestamp_status must be a 4xx status.");
            if (SimBody.Str(body, "packages_total_pages_key") is { } key) s.PackagesTotalPagesKey = OneOf(key, "packages_total_pages_key", "totalPages", "total_pages");
            if (SimBody.Bool(body, "async_orders") is { } asyncOrders) s.AsyncOrders = asyncOrders;
            if (SimBody.Int(body, "async_provisioning_delay_seconds") is { } delay) s.AsyncProvisioningDelay = TimeSpan.FromSeconds(delay);
            if (SimBody.Str(body, "top_up_expiry") is { } expiry) s.TopUpExpiry = OneOf(expiry, "top_up_expiry", EsimflyTopUpExpiryModes.Extend, EsimflyTopUpExpiryModes.Reset);
            if (SimBody.Dec(body, "markup_percent") is { } markup) s.MarkupPercent = markup;
            if (SimBody.Int(body, "latency_ms") is { } latency) Faults.LatencyMs = latency;
            if (SimBody.Dec(body, "error_rate") is { } errorRate) Faults.ErrorRate = (double)errorRate;
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
                ["access_code"] = s.AccessCode,
                ["rate_limit_per_hour"] = s.RateLimitPerHour,
                ["rate_limit_window_seconds"] = (int)s.RateLimitWindow.TotalSeconds,
                ["reset_header_format"] = s.ResetHeaderFormat,
                ["strict_signature_case"] = s.StrictSignatureCase,
                ["timestamp_tolerance_seconds"] = (int)s.TimestampTolerance.TotalSeconds,
                ["reject_future_timestamps"] = s.RejectFutureTimestamps,
                ["invalid_timestamp_status"] = s.InvalidTimestampStatus,
                ["packages_total_pages_key"] = s.PackagesTotalPagesKey,
                ["async_package_prefix"] = s.AsyncPackagePrefix,
                ["async_orders"] = s.AsyncOrders,
                ["async_provisioning_delay_seconds"] = (int)s.AsyncProvisioningDelay.TotalSeconds,
                ["top_up_expiry"] = s.TopUpExpiry,
                ["markup_percent"] = s.MarkupPercent,
                ["latency_ms"] = Faults.LatencyMs,
                ["error_rate"] = Faults.ErrorRate,
            };
        }
    }

    /// <summary>Everything, including what the API hides (request counters, the rate window), for tests and the sandbox page.</summary>
    public JsonObject Snapshot()
    {
        lock (_gate)
        {
            Tick();
            var now = Now;
            RollWindow(now);
            return new JsonObject
            {
                ["now"] = Iso(now),
                ["clock_offset_seconds"] = Clock.Offset.TotalSeconds,
                ["balance"] = Money(_balance),
                ["requests"] = new JsonObject
                {
                    ["admitted"] = _admitted,
                    ["refused_auth"] = _refusedAuth,
                    ["refused_rate_limit"] = _refusedRateLimit,
                },
                ["rate_limit"] = new JsonObject
                {
                    ["limit"] = _settings.RateLimitPerHour,
                    ["used"] = _windowCount,
                    ["window_started_at"] = _windowStart is { } start ? Iso(start) : null,
                    ["resets_at"] = Iso(WindowReset(now)),
                },
                ["settings"] = Settings(),
                ["orders"] = new JsonArray(_orders.Select(o => (JsonNode)new JsonObject
                {
                    ["reference"] = o.Reference,
                    ["kind"] = o.IsTopUp ? "topup" : "esim",
                    ["package_code"] = o.PackageCode,
                    ["quantity"] = o.Quantity,
                    ["amount"] = Money(o.Amount),
                    ["profit"] = Money(o.Profit),
                    ["status"] = o.Status,
                    ["created_at"] = Iso(o.CreatedAt),
                    ["ready_at"] = o.ReadyAt is { } ready ? Iso(ready) : null,
                    ["iccids"] = new JsonArray(o.Iccids.Select(i => (JsonNode)i).ToArray()),
                }).ToArray()),
                ["esims"] = new JsonArray(_esims.Values.OrderBy(e => e.Id).Select(e => (JsonNode)new JsonObject
                {
                    ["iccid"] = e.Iccid,
                    ["order_reference"] = e.OrderReference,
                    ["package_code"] = e.Package.Code,
                    ["status"] = e.Status,
                    ["used_expired"] = e.UsedExpired,
                    ["profile_status"] = e.ProfileStatus,
                    ["total_mb"] = e.TotalMb,
                    ["used_mb"] = e.UsedMb,
                    ["activated_at"] = e.ActivatedAt is { } a ? Iso(a) : null,
                    ["expires_at"] = e.ExpiresAt is { } x ? Iso(x) : null,
                }).ToArray()),
            };
        }
    }

    /// <summary>Back to the configured start: full balance, no orders or eSIMs, a fresh rate window, clock at real time.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            Clock.Reset();
            Faults.Reset();
            Initialize();
        }
    }

    internal static EsimflySimulatorException Validation(string message) =>
        new(400, new JsonObject { ["error"] = "VALIDATION_ERROR", ["message"] = message });

    private void Initialize()
    {
        _settings = _configured.Clone();
        _random = _settings.Seed is { } seed ? new Random(seed) : new Random();
        _balance = _settings.StartingBalanceUsd;
        _sequence = 2500;
        _esims.Clear();
        _orders.Clear();
        _requestIds.Clear();
        _windowStart = null;
        _windowCount = 0;
        _admitted = _refusedAuth = _refusedRateLimit = 0;
    }

    private void Activate(SimEsim esim)
    {
        if (esim.ProfileStatus == "nodownload") esim.ProfileStatus = "installed";
        if (esim.Status != EsimflyEsimStatus.New) return;
        var now = Now;
        esim.ProfileStatus = "activated";
        esim.Status = EsimflyEsimStatus.Active;
        esim.ActivatedAt = now;
        esim.ExpiresAt = now + TimeSpan.FromDays(esim.Package.Days);
    }

    private SimEsim Find(string iccid) => _esims.GetValueOrDefault(iccid)
        ?? throw new EsimflySimulatorException(404, new JsonObject { ["error"] = "ESIM_NOT_FOUND", ["message"] = $"No eSIM {iccid}." });

    /// <summary>An eSIM the traveller can still use: DELETED and CANCELLED are terminal.</summary>
    private SimEsim Live(string iccid)
    {
        var esim = Find(iccid);
        return esim.Status is EsimflyEsimStatus.Deleted or EsimflyEsimStatus.Cancelled
            ? throw Validation($"The eSIM is {esim.Status}.")
            : esim;
    }

    private static string OneOf(string value, string name, params string[] allowed) =>
        allowed.Contains(value) ? value : throw Validation($"{name} must be one of {string.Join(", ", allowed)}.");
}
