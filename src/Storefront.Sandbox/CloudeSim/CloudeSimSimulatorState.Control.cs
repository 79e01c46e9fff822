using System.Text.Json;
using System.Text.Json.Nodes;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.CloudeSim;
using Storefront.Domain;

namespace Storefront.Sandbox.CloudeSim;

/// <summary>The __sim controls: usage, install, suspend, account, settings, faults, reset, snapshots.</summary>
public sealed partial class CloudeSimSimulatorState
{
    public JsonObject SetBalance(decimal balanceUsd)
    {
        if (balanceUsd < 0) throw CloudeSimSimulatorException.Validation("balance must not be negative");
        lock (_gate) _balanceCents = Cents.From(balanceUsd);
        return Balance();
    }

    /// <summary>
    /// Data used on the eSIM (prepaid, so money does not move). The first usage of a NEW eSIM activates it: ACTIVE,
    /// expireTime = now + duration. Reaching the volume makes it DEPLETED (docs/providers/cloudesim.md §5.2).
    /// </summary>
    public JsonObject Usage(string iccid, decimal? mb)
    {
        if (mb is not { } amount || amount <= 0) throw CloudeSimSimulatorException.Validation("mb must be a positive number");
        lock (_gate)
        {
            Tick();
            var esim = Visible(iccid);
            var ignored = esim.Status switch
            {
                SimStatus.New or SimStatus.Active => null,
                var s => s.ToString().ToUpperInvariant(),
            };
            long used = 0;
            if (ignored is null)
            {
                if (esim.Status == SimStatus.New)
                {
                    esim.Installed = true;
                    esim.Status = SimStatus.Active;
                    esim.ActivatedAt = Now;
                    esim.ExpiresAt = Now.AddDays(esim.DurationDays);
                }
                used = Math.Min((long)(amount * BytesPerMb), esim.TotalBytes - esim.UsedBytes);
                esim.UsedBytes += used;
                if (esim.UsedBytes >= esim.TotalBytes) esim.Status = SimStatus.Depleted;
            }
            var json = QueryJson(esim);
            json["usedMb"] = (decimal)used / BytesPerMb;
            json["ignored"] = ignored;
            return json;
        }
    }

    /// <summary>The traveller downloads the profile: it can no longer be cancelled, and is still NEW until first used.</summary>
    public JsonObject Install(string iccid)
    {
        lock (_gate)
        {
            Tick();
            var esim = Visible(iccid);
            if (esim.Status is SimStatus.Cancelled or SimStatus.Expired)
                throw new CloudeSimSimulatorException(SimErrorKind.NotAllowed, "eSIM cannot be installed in its current status");
            esim.Installed = true;
            return QueryJson(esim);
        }
    }

    public JsonObject Suspend(string iccid)
    {
        lock (_gate)
        {
            Tick();
            var esim = Visible(iccid);
            if (esim.Status is SimStatus.Cancelled or SimStatus.Expired)
                throw new CloudeSimSimulatorException(SimErrorKind.NotAllowed, "eSIM cannot be suspended in its current status");
            if (esim.Status != SimStatus.Suspended)
            {
                esim.SuspendedFrom = esim.Status;
                esim.Status = SimStatus.Suspended;
            }
            return QueryJson(esim);
        }
    }

    public JsonObject Resume(string iccid)
    {
        lock (_gate)
        {
            Tick();
            var esim = Visible(iccid);
            if (esim.Status == SimStatus.Suspended)
            {
                esim.Status = esim.SuspendedFrom ?? SimStatus.Active;
                esim.SuspendedFrom = null;
            }
            return QueryJson(esim);
        }
    }

    public JsonObject UpdateSettings(JsonElement body)
    {
        lock (_gate)
        {
            var s = _settings;
            if (SimBody.Str(body, "errorStatus") is { } errorStatus)
                s.ErrorStatus = OneOf(errorStatus, "errorStatus", CloudeSimErrorStatusModes.ByKind, CloudeSimErrorStatusModes.Always200);
            if (SimBody.Str(body, "statusNaming") is { } naming)
                s.StatusNaming = OneOf(naming, "statusNaming", CloudeSimStatusNamings.CloudeSim, CloudeSimStatusNamings.EsimAccess);
            if (SimBody.Str(body, "remainingVolumeUnit") is { } unit)
                s.RemainingVolumeUnit = OneOf(unit, "remainingVolumeUnit", CloudeSimVolumeUnits.Mb, CloudeSimVolumeUnits.Bytes);
            if (SimBody.Bool(body, "shortActivationCodes") is { } shortCodes) s.ShortActivationCodes = shortCodes;
            if (SimBody.Bool(body, "asyncAllocation") is { } async) s.AsyncAllocation = async;
            if (SimBody.Dec(body, "allocationDelaySeconds") is { } delay) s.AllocationDelay = TimeSpan.FromSeconds((double)delay);
            if (SimBody.Dec(body, "unusedValidityDays") is { } unused) s.UnusedValidity = TimeSpan.FromDays((double)unused);
            if (SimBody.Int(body, "latencyMs") is { } latency) Faults.LatencyMs = latency;
            if (SimBody.Dec(body, "errorRate") is { } errorRate) Faults.ErrorRate = (double)errorRate;
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
                ["errorStatus"] = s.ErrorStatus,
                ["statusNaming"] = s.StatusNaming,
                ["remainingVolumeUnit"] = s.RemainingVolumeUnit,
                ["shortActivationCodes"] = s.ShortActivationCodes,
                ["asyncAllocation"] = s.AsyncAllocation,
                ["allocationDelaySeconds"] = s.AllocationDelay.TotalSeconds,
                ["unusedValidityDays"] = s.UnusedValidity.TotalDays,
                ["latencyMs"] = Faults.LatencyMs,
                ["errorRate"] = Faults.ErrorRate,
            };
        }
    }

    /// <summary>Everything, including what the API hides (install state, exact usage, orders), for tests and the sandbox page.</summary>
    public JsonObject Snapshot()
    {
        lock (_gate)
        {
            Tick();
            return new JsonObject
            {
                ["now"] = Iso(Now),
                ["clockOffsetSeconds"] = Clock.Offset.TotalSeconds,
                ["account"] = new JsonObject
                {
                    ["username"] = _settings.Username,
                    ["balance"] = Cents.ToUsd(_balanceCents),
                    ["currency"] = "USD",
                },
                ["settings"] = Settings(),
                ["orders"] = new JsonArray(_orders.Values.OrderBy(o => o.CreatedAt).Select(o => (JsonNode)new JsonObject
                {
                    ["orderNo"] = o.OrderNo,
                    ["type"] = o.Type,
                    ["packageCode"] = o.PackageCode,
                    ["quantity"] = o.Quantity,
                    ["amount"] = Cents.ToUsd(o.AmountCents),
                    ["createdAt"] = Iso(o.CreatedAt),
                    ["iccids"] = new JsonArray(o.Iccids.Select(i => (JsonNode?)i).ToArray()),
                }).ToArray()),
                ["esims"] = new JsonArray(_esims.Values.OrderBy(e => e.Seq).Select(e =>
                {
                    var json = QueryJson(e);
                    json.Remove("ac");
                    json["installed"] = e.Installed;
                    json["usedMb"] = (decimal)e.UsedBytes / BytesPerMb;
                    json["totalMb"] = e.TotalBytes / BytesPerMb;
                    json["durationDays"] = e.DurationDays;
                    json["paid"] = Cents.ToUsd(e.PaidCents);
                    json["allocated"] = e.ReadyAt <= Now;
                    return (JsonNode)json;
                }).ToArray()),
            };
        }
    }

    /// <summary>Back to the configured start: starting balance, no orders or eSIMs, clock at real time.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            Clock.Reset();
            Faults.Reset();
            Initialize();
        }
    }

    private static string OneOf(string value, string name, params string[] allowed) =>
        allowed.Contains(value) ? value : throw CloudeSimSimulatorException.Validation($"{name} must be one of {string.Join(", ", allowed)}");
}
