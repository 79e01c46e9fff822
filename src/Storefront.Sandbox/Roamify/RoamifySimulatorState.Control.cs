using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Roamify;
using Storefront.Domain;

namespace Storefront.Sandbox.Roamify;

/// <summary>The __sim controls: the device side of an eSIM, the partner account, settings, faults, reset, snapshots.</summary>
public sealed partial class RoamifySimulatorState
{
    public JsonObject SetBalance(decimal balanceUsd)
    {
        if (balanceUsd < 0) throw RoamifySimulatorException.Joi("\"balance\" must be greater than or equal to 0");
        lock (_gate)
        {
            _balance = balanceUsd;
            return Balance();
        }
    }

    /// <summary>Funds added in the Partner Portal: raises partner/top_up (docs/providers/roamify.md §2.4).</summary>
    public JsonObject AddFunds(decimal amountUsd)
    {
        if (amountUsd <= 0) throw RoamifySimulatorException.Joi("\"amount\" must be a positive number");
        lock (_gate)
        {
            _balance += amountUsd;
            PartnerEvent(RoamifyEventTypes.TopUp, 100m);
            return Balance();
        }
    }

    /// <summary>
    /// Rotating the key in the portal invalidates the old one immediately (docs/providers/roamify.md §2.1).
    /// </summary>
    public string RotateToken()
    {
        lock (_gate)
        {
            _settings.AccessToken = "roamify_" + Convert.ToHexStringLower(RandomBytes(20));
            return _settings.AccessToken;
        }
    }

    /// <summary>The traveller installs the profile: READY → INSTALLED (events DOWNLOADED, INSTALLED).</summary>
    public JsonObject Install(string id)
    {
        lock (_gate)
        {
            Tick();
            var esim = Applied(id);
            Install(esim);
            return Success(UsageJson(esim));
        }
    }

    /// <summary>First network attach: ACTIVATED, and the validity starts (first-use; a travel date starts it no earlier).</summary>
    public JsonObject Activate(string id)
    {
        lock (_gate)
        {
            Tick();
            var esim = Applied(id);
            Activate(esim);
            return Success(UsageJson(esim));
        }
    }

    public JsonObject Detach(string id) => DeviceChange(id, RoamifyEsimStatus.Inactive);

    public JsonObject Delete(string id) => DeviceChange(id, RoamifyEsimStatus.Deleted);

    public JsonObject Revoke(string id) => DeviceChange(id, RoamifyEsimStatus.Revoked);

    /// <summary>
    /// Data used on the network, in MB: activates an eSIM on first use, drains what is left (never below zero) and raises
    /// the usage event at 25/50/75/90/100 % used (docs/providers/roamify.md §2.4, §2.6).
    /// </summary>
    public JsonObject Consume(string id, decimal mb, string? location)
    {
        if (mb <= 0) throw RoamifySimulatorException.Joi("\"mb\" must be a positive number");
        lock (_gate)
        {
            Tick();
            var esim = Applied(id);
            if (esim.Status is RoamifyEsimStatus.Expired or RoamifyEsimStatus.Revoked || esim.DeviceStatus == RoamifyEsimStatus.Deleted)
                throw RoamifySimulatorException.Failed(400, $"The eSIM cannot use data in status {esim.Status}/{esim.DeviceStatus}.");
            if (esim.DeviceStatus != RoamifyEsimStatus.Activated) Activate(esim);

            var used = esim.IsUnlimited ? mb : Math.Min(mb, esim.RemainingMb);
            esim.UsedMb += used;
            if (!esim.IsUnlimited) esim.RemainingMb -= used;
            esim.Usage.Add((DateOnly.FromDateTime(Now.UtcDateTime), used, location ?? esim.Group.Signals[0].Name));
            esim.UpdatedAt = Now;
            if (!esim.IsUnlimited)
            {
                var percent = UsedPercent(esim);
                var crossed = new[] { 25, 50, 75, 90, 100 }.Where(level => esim.NotifiedPercent < level && percent >= level).ToList();
                if (crossed.Count > 0)
                {
                    esim.NotifiedPercent = crossed[^1];
                    UsageEvent(esim);
                }
            }
            var json = UsageJson(esim);
            json["used_mb"] = used;
            return Success(json);
        }
    }

    public JsonObject SetWebhook(string? url, string? secret)
    {
        if (url is not null && url.Length > 0 && !url.StartsWith('/') && !Uri.TryCreate(url, UriKind.Absolute, out _))
            throw RoamifySimulatorException.Joi("\"url\" must be an absolute URL or a path on this app");
        lock (_gate)
        {
            _settings.WebhookUrl = string.IsNullOrEmpty(url) ? null : url;
            if (!string.IsNullOrEmpty(secret)) _settings.WebhookSecret = secret;
            return Settings();
        }
    }

    public JsonObject UpdateSettings(JsonElement body)
    {
        lock (_gate)
        {
            var s = _settings;
            if (SimBody.Int(body, "apply_delay_ms") is { } delay) s.ApplyDelay = TimeSpan.FromMilliseconds(delay);
            if (SimBody.Dec(body, "apply_pending_probability") is { } pending) s.ApplyPendingProbability = (double)pending;
            if (SimBody.Int(body, "apply_pending_status") is { } pendingStatus) s.ApplyPendingStatus = pendingStatus;
            if (SimBody.Str(body, "charge_at") is { } chargeAt)
                s.ChargeAt = OneOf(chargeAt, "charge_at", RoamifyChargePoints.Order, RoamifyChargePoints.Apply);
            if (SimBody.Int(body, "insufficient_balance_status") is { } insufficient) s.InsufficientBalanceStatus = insufficient;
            if (SimBody.Bool(body, "strict_validation") is { } strict) s.StrictValidation = strict;
            if (SimBody.Str(body, "page_counts") is { } counts)
                s.PageCounts = OneOf(counts, "page_counts", RoamifyPageCounts.Groups, RoamifyPageCounts.Packages);
            if (SimBody.Int(body, "default_page_size") is { } pageSize) s.DefaultPageSize = pageSize;
            if (body.TryGetProperty("max_page_size", out var maxPage))
                s.MaxPageSize = maxPage.ValueKind == JsonValueKind.Null ? null : SimBody.Int(body, "max_page_size");
            if (SimBody.Str(body, "top_up_item_type") is { } itemType) s.TopUpItemType = OneOf(itemType, "top_up_item_type", "esim", "topup");
            if (SimBody.Str(body, "top_up_validity") is { } validity)
                s.TopUpValidity = OneOf(validity, "top_up_validity", RoamifyTopUpValidity.Extend, RoamifyTopUpValidity.Reset, RoamifyTopUpValidity.Longest);
            if (SimBody.Str(body, "usage_details_unit") is { } unit) s.UsageDetailsUnit = OneOf(unit, "usage_details_unit", "MB", "KB", "B");
            if (body.TryGetProperty("rate_limit_per_minute", out var rate))
                s.RateLimitPerMinute = rate.ValueKind == JsonValueKind.Null ? null : SimBody.Int(body, "rate_limit_per_minute");
            if (SimBody.Bool(body, "prefixed_esim_event_types") is { } prefixed) s.PrefixedEsimEventTypes = prefixed;
            if (SimBody.Dec(body, "low_balance_threshold_usd") is { } low) s.LowBalanceThresholdUsd = low;
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
                ["apply_delay_ms"] = (int)s.ApplyDelay.TotalMilliseconds,
                ["apply_pending_probability"] = s.ApplyPendingProbability,
                ["apply_pending_status"] = s.ApplyPendingStatus,
                ["charge_at"] = s.ChargeAt,
                ["insufficient_balance_status"] = s.InsufficientBalanceStatus,
                ["strict_validation"] = s.StrictValidation,
                ["page_counts"] = s.PageCounts,
                ["default_page_size"] = s.DefaultPageSize,
                ["max_page_size"] = s.MaxPageSize,
                ["top_up_item_type"] = s.TopUpItemType,
                ["top_up_validity"] = s.TopUpValidity,
                ["usage_details_unit"] = s.UsageDetailsUnit,
                ["rate_limit_per_minute"] = s.RateLimitPerMinute,
                ["prefixed_esim_event_types"] = s.PrefixedEsimEventTypes,
                ["low_balance_threshold_usd"] = s.LowBalanceThresholdUsd,
                ["latency_ms"] = Faults.LatencyMs,
                ["error_rate"] = Faults.ErrorRate,
                ["webhook_url"] = s.WebhookUrl,
            };
        }
    }

    /// <summary>Everything, including what the API hides (device state, charges), for tests and the sandbox page.</summary>
    public JsonObject Snapshot()
    {
        lock (_gate)
        {
            Tick();
            return new JsonObject
            {
                ["now"] = Unix(Now),
                ["clock_offset_seconds"] = Clock.Offset.TotalSeconds,
                ["balance"] = _balance,
                ["settings"] = Settings(),
                ["orders"] = new JsonArray(_orders.OrderBy(o => o.Seq).Select(o => (JsonNode)new JsonObject
                {
                    ["id"] = o.Id,
                    ["reference_id"] = o.ReferenceId,
                    ["kind"] = o.Kind,
                    ["status"] = o.Status,
                    ["total"] = o.Total,
                    ["esim_ids"] = new JsonArray(o.Items.Select(i => (JsonNode?)i.EsimId).ToArray()),
                }).ToArray()),
                ["esims"] = new JsonArray(_esims.Values.OrderBy(e => e.Seq).Select(e => (JsonNode)new JsonObject
                {
                    ["esim_id"] = e.EsimId,
                    ["iccid"] = e.Iccid,
                    ["reference_id"] = e.ReferenceId,
                    ["package_id"] = e.Package.PackageId,
                    ["status"] = e.Status,
                    ["device_status"] = e.DeviceStatus,
                    ["charged"] = e.Charged,
                    ["profile_ready_at"] = e.ProfileReadyAt is { } ready ? Unix(ready) : null,
                    ["start_date"] = e.StartDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["allowed_mb"] = e.AllowedMb,
                    ["remaining_mb"] = e.RemainingMb,
                    ["used_mb"] = e.UsedMb,
                }).ToArray()),
            };
        }
    }

    /// <summary>Back to the configured start: no orders or eSIMs, the starting balance and token, clock at real time.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            Clock.Reset();
            Faults.Reset();
            Initialize();
        }
    }

    private void Install(RoamifySimEsim esim)
    {
        if (esim.Status != RoamifyEsimStatus.Ready) return;
        esim.Status = RoamifyEsimStatus.Installed;
        esim.Events.Add((Now, RoamifyEsimStatus.Downloaded));
        esim.DeviceStatus = RoamifyEsimStatus.Installed;
        esim.UpdatedAt = Now;
        StatusEvent(esim);
    }

    private void Activate(RoamifySimEsim esim)
    {
        if (esim.Status is RoamifyEsimStatus.Expired or RoamifyEsimStatus.Revoked)
            throw RoamifySimulatorException.Failed(400, $"The eSIM cannot attach in status {esim.Status}.");
        Install(esim);
        var now = Now;
        if (esim.StartedAt is null)
        {
            var travelStart = esim.StartDate is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : now;
            esim.StartedAt = Max(now, travelStart);
            esim.ExpiredAt = esim.StartedAt + TimeSpan.FromDays(esim.ValidityDays);
            esim.LastUsageReportAt = now;
        }
        if (esim.DeviceStatus == RoamifyEsimStatus.Activated) return;
        esim.DeviceStatus = RoamifyEsimStatus.Activated;
        esim.UpdatedAt = now;
        StatusEvent(esim);
    }

    private JsonObject DeviceChange(string id, string status)
    {
        lock (_gate)
        {
            Tick();
            var esim = Applied(id);
            if (esim.DeviceStatus != status)
            {
                esim.DeviceStatus = status;
                if (status == RoamifyEsimStatus.Revoked) esim.Status = RoamifyEsimStatus.Revoked;
                esim.UpdatedAt = Now;
                StatusEvent(esim);
            }
            return Success(UsageJson(esim));
        }
    }

    /// <summary>An eSIM by ICCID or esimId whose profile exists.</summary>
    private RoamifySimEsim Applied(string id)
    {
        var esim = _byIccid.GetValueOrDefault(id) ?? _esims.GetValueOrDefault(id) ?? throw RoamifySimulatorException.NotFound("eSIM");
        return esim.HasProfile ? esim : throw RoamifySimulatorException.Failed(400, "The eSIM has no profile yet: apply it first.");
    }

    private static string OneOf(string value, string name, params string[] allowed) =>
        allowed.Contains(value) ? value : throw RoamifySimulatorException.Joi($"\"{name}\" must be one of [{string.Join(", ", allowed)}]");
}
