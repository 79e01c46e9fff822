using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Storefront.Providers.PressOne.Simulator;

/// <summary>The __sim controls: network use, installation, recycling, balance, tokens, settings, faults, reset, snapshots.</summary>
public sealed partial class PressOneSimulatorState
{
    /// <summary>
    /// The eSIM uses <paramref name="mb"/> of data: the first use activates it (and starts every package's validity),
    /// then the oldest active package drains first; a package at 0 is FINISHED (notes §3.5 "Lifecycle").
    /// </summary>
    public JsonObject ConsumeData(string iccid, long mb)
    {
        if (mb < 0) throw PressOneSimulatorException.Validation("mb", "mb must not be negative.");
        lock (_gate)
        {
            var sim = Find(iccid);
            if (sim.Recycled) throw Recycled(sim);
            Activate(sim);
            var left = mb;
            foreach (var bucket in sim.Buckets.Where(b => b.Status == PressOneUsageStatus.Active).OrderBy(b => b.Id))
            {
                if (left == 0) break;
                if (bucket.Package.IsUnlimited)
                {
                    left = 0;
                    break;
                }
                var take = Math.Min(left, bucket.RemainingMb);
                bucket.RemainingMb -= take;
                left -= take;
                if (bucket.RemainingMb == 0)
                {
                    bucket.Status = PressOneUsageStatus.Finished;
                    bucket.FinishedAt = Now;
                }
            }
            return new JsonObject
            {
                ["iccid"] = sim.Iccid,
                ["used_mb"] = mb - left,
                ["dropped_mb"] = left,
                ["status"] = UsageStatus(sim),
            };
        }
    }

    /// <summary>The traveller installs the eSIM and it attaches to a network: activation without data use.</summary>
    public JsonObject Install(string iccid)
    {
        lock (_gate)
        {
            var sim = Find(iccid);
            if (sim.Recycled) throw Recycled(sim);
            Activate(sim);
            return SimSnapshot(sim);
        }
    }

    /// <summary>The operator recycles the eSIM: usage says RECYCLED; top-up list and order answer 422 code 73.</summary>
    public JsonObject Recycle(string iccid)
    {
        lock (_gate)
        {
            var sim = Find(iccid);
            if (!sim.Recycled)
            {
                sim.Recycled = true;
                sim.RecycledAt = Now;
                sim.CachedUsage = null;
            }
            return SimSnapshot(sim);
        }
    }

    public void SetBalance(decimal amount)
    {
        if (amount < 0) throw PressOneSimulatorException.Validation("amount", "amount must not be negative.");
        lock (_gate) _balance = amount;
    }

    /// <summary>Every token issued so far stops working at once (as after its real expiry).</summary>
    public int ExpireTokens()
    {
        lock (_gate)
        {
            var count = _tokens.Count;
            _tokens.Clear();
            return count;
        }
    }

    public JsonObject UpdateSettings(JsonElement body)
    {
        lock (_gate)
        {
            var s = _settings;
            if (Str(body, "pricing_model") is { } model)
                s.PricingModel = model is PressOnePricingModels.Net or PressOnePricingModels.Discount
                    ? model
                    : throw PressOneSimulatorException.Validation("pricing_model", "pricing_model must be net_pricing or discount_pricing.");
            if (Dec(body, "discount_percentage") is { } discount) s.DiscountPercentage = discount;
            if (Dec(body, "usage_cache_seconds") is { } cache) s.UsageCacheDuration = TimeSpan.FromSeconds((double)cache);
            if (Dec(body, "token_lifetime_seconds") is { } lifetime) s.TokenLifetime = TimeSpan.FromSeconds((double)lifetime);
            if (Dec(body, "token_requests_per_minute") is { } tokenRate) s.TokenRequestsPerMinute = (int)tokenRate;
            if (Dec(body, "usage_requests_per_minute") is { } usageRate) s.UsageRequestsPerMinute = (int)usageRate;
            if (Dec(body, "package_history_interval_seconds") is { } history) s.PackageHistoryInterval = TimeSpan.FromSeconds((double)history);
            if (Str(body, "insufficient_credit_reason") is { } reason) s.InsufficientCreditReason = reason;
            if (Bool(body, "packages_page_quirk") is { } quirk) s.PackagesPageQuirk = quirk;
            if (Bool(body, "top_up_requires_activation") is { } requiresActivation) s.TopUpRequiresActivation = requiresActivation;
            if (Bool(body, "top_up_refreshes_usage") is { } refreshes) s.TopUpRefreshesUsage = refreshes;
            if (body.TryGetProperty("top_up_limit_per_esim", out var limit))
                s.TopUpLimitPerEsim = limit.ValueKind == JsonValueKind.Null ? null : (int?)Dec(body, "top_up_limit_per_esim");
            if (body.TryGetProperty("stock", out var stock))
                s.Stock = stock.ValueKind == JsonValueKind.Null ? null : (int?)Dec(body, "stock");
            if (Dec(body, "latency_ms") is { } latency) s.LatencyMs = (int)latency;
            if (Dec(body, "error_rate") is { } errorRate) s.ErrorRate = (double)errorRate;
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
                ["currency"] = s.Currency,
                ["pricing_model"] = s.PricingModel,
                ["discount_percentage"] = s.DiscountPercentage,
                ["usage_cache_seconds"] = s.UsageCacheDuration.TotalSeconds,
                ["token_lifetime_seconds"] = s.TokenLifetime.TotalSeconds,
                ["token_expires_in"] = s.TokenExpiresInSeconds,
                ["token_requests_per_minute"] = s.TokenRequestsPerMinute,
                ["usage_requests_per_minute"] = s.UsageRequestsPerMinute,
                ["package_history_interval_seconds"] = s.PackageHistoryInterval.TotalSeconds,
                ["insufficient_credit_reason"] = s.InsufficientCreditReason,
                ["packages_page_quirk"] = s.PackagesPageQuirk,
                ["top_up_requires_activation"] = s.TopUpRequiresActivation,
                ["top_up_refreshes_usage"] = s.TopUpRefreshesUsage,
                ["top_up_limit_per_esim"] = s.TopUpLimitPerEsim,
                ["stock"] = s.Stock,
                ["latency_ms"] = s.LatencyMs,
                ["error_rate"] = s.ErrorRate,
            };
        }
    }

    /// <summary>Everything, including what the API hides (live tokens, every bucket), for tests and the sandbox page.</summary>
    public JsonObject Snapshot()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["now"] = Plain(Now),
                ["clock_offset_seconds"] = _clock.Offset.TotalSeconds,
                ["balance"] = _balance,
                ["currency"] = _settings.Currency,
                ["tokens_issued"] = _tokensIssued,
                ["tokens_live"] = _tokens.Count(t => Now < t.Value),
                ["auth_failures"] = _authFailures,
                ["settings"] = Settings(),
                ["orders"] = new JsonArray(_orders.Select(o => (JsonNode)new JsonObject
                {
                    ["id"] = o.Id,
                    ["code"] = o.Code,
                    ["type"] = o.Type,
                    ["package_id"] = o.PackageId,
                    ["quantity"] = o.Quantity,
                    ["description"] = o.Description,
                    ["charged"] = o.Charged,
                    ["iccids"] = new JsonArray((o.TopUpIccid is { } target ? [target] : o.Iccids).Select(i => (JsonNode?)i).ToArray()),
                    ["created_at"] = Plain(o.CreatedAt),
                }).ToArray()),
                ["sims"] = new JsonArray(_sims.Values.OrderBy(s => s.Id).Select(s => (JsonNode)SimSnapshot(s)).ToArray()),
            };
        }
    }

    public JsonArray Faults()
    {
        lock (_gate)
            return new JsonArray(_settings.Faults.Select(f => JsonSerializer.SerializeToNode(f, PressOneSimRequest.Json)).ToArray());
    }

    public void AddFault(PressOneFaultRule rule)
    {
        if (rule.Kind is not (PressOneFaultKinds.Error or PressOneFaultKinds.Hang or PressOneFaultKinds.LostResponse or PressOneFaultKinds.Latency))
            throw PressOneSimulatorException.Validation("kind", "kind must be error, hang, lost_response or latency.");
        if (rule.Kind == PressOneFaultKinds.Error && rule.Status is < 400 or > 599)
            throw PressOneSimulatorException.Validation("status", "status must be an HTTP error status.");
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

    /// <summary>Back to the configured start: no tokens, orders or eSIMs, the starting balance, the clock at real time.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _clock.Reset();
            Initialize();
        }
    }

    /// <summary>Faults for one provider call: added latency, and the rule (or random 5xx) that applies, if any.</summary>
    internal (int LatencyMs, PressOneFaultRule? Rule) NextFault(string method, string path)
    {
        lock (_gate)
        {
            var latency = _settings.LatencyMs;
            var faults = _settings.Faults;
            var index = faults.FindIndex(f => FaultMatches(f, method, path));
            PressOneFaultRule? rule = null;
            if (index >= 0)
            {
                rule = faults[index];
                if (rule.Count is { } count)
                {
                    if (count <= 1) faults.RemoveAt(index);
                    else faults[index] = rule with { Count = count - 1 };
                }
                if (rule.Kind == PressOneFaultKinds.Latency)
                {
                    latency += rule.LatencyMs;
                    rule = null;
                }
            }
            if (rule is null && _settings.ErrorRate > 0 && _random.NextDouble() < _settings.ErrorRate)
                rule = new PressOneFaultRule { Kind = PressOneFaultKinds.Error, Status = new[] { 500, 502, 503 }[_random.Next(3)] };
            return (latency, rule);
        }
    }

    internal TimeSpan HangFor
    {
        get { lock (_gate) return _settings.HangFor; }
    }

    [MemberNotNull(nameof(_settings), nameof(_random))]
    private void Initialize()
    {
        _settings = _configured.Clone();
        _random = _settings.Seed is { } seed ? new Random(seed) : new Random();
        _tokens.Clear();
        _tokenRequests.Clear();
        _orders.Clear();
        _sims.Clear();
        _orderSeq = 0;
        _simSeq = 0;
        _bucketSeq = 0;
        _tokensIssued = 0;
        _authFailures = 0;
        _balance = _settings.StartingBalanceUsd;
    }

    private JsonObject SimSnapshot(SimCard sim) => new()
    {
        ["iccid"] = sim.Iccid,
        ["order_id"] = sim.OrderId,
        ["package_id"] = sim.BasePackageId,
        ["status"] = UsageStatus(sim),
        ["activated_at"] = Plain(sim.ActivatedAt),
        ["recycled"] = sim.Recycled,
        ["top_ups"] = sim.TopUps,
        ["usage_cached_at"] = sim.CachedUsage is { } cached ? Plain(cached.At) : null,
        ["buckets"] = new JsonArray(sim.Buckets.Select(b => (JsonNode)new JsonObject
        {
            ["id"] = b.Id,
            ["package_id"] = b.Package.Id,
            ["status"] = b.Status,
            ["remaining_mb"] = b.RemainingMb,
            ["amount_mb"] = b.Package.AmountMb,
            ["activated_at"] = Plain(b.ActivatedAt),
            ["expired_at"] = Plain(b.ExpiredAt),
            ["finished_at"] = Plain(b.FinishedAt),
        }).ToArray()),
    };

    private static bool FaultMatches(PressOneFaultRule rule, string method, string path)
    {
        if (rule.Method is not null && !string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase)) return false;
        if (rule.Path == "*") return true;
        var pattern = rule.Path.Trim('/').Split('/');
        var segments = path.Trim('/').Split('/');
        return pattern.Length == segments.Length && pattern.Zip(segments).All(p =>
            p.First == "*" || p.First.StartsWith('{') || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
    }

    private static JsonElement? Prop(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Str(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        _ => throw PressOneSimulatorException.Validation(name, $"{name} must be a string."),
    };

    internal static decimal? Dec(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetDecimal(out var d) => d,
        { ValueKind: JsonValueKind.String } v when decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw PressOneSimulatorException.Validation(name, $"{name} must be a number."),
    };

    private static bool? Bool(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw PressOneSimulatorException.Validation(name, $"{name} must be true or false."),
    };
}
