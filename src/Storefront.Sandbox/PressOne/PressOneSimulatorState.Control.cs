using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.PressOne;
using Storefront.Domain;

namespace Storefront.Sandbox.PressOne;

/// <summary>The __sim controls: network use, installation, recycling, balance, tokens, settings, faults, reset, snapshots.</summary>
public sealed partial class PressOneSimulatorState
{
    /// <summary>
    /// The eSIM uses <paramref name="mb"/> of data: the first use activates it (and starts every package's validity),
    /// then the oldest active package drains first; a package at 0 is FINISHED (docs/providers/pressone.md §3.5
    /// "Lifecycle").
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
            if (SimBody.Str(body, "pricing_model") is { } model)
                s.PricingModel = model is PressOnePricingModels.Net or PressOnePricingModels.Discount
                    ? model
                    : throw PressOneSimulatorException.Validation("pricing_model", "pricing_model must be net_pricing or discount_pricing.");
            if (SimBody.Dec(body, "discount_percentage") is { } discount) s.DiscountPercentage = discount;
            if (SimBody.Dec(body, "usage_cache_seconds") is { } cache) s.UsageCacheDuration = TimeSpan.FromSeconds((double)cache);
            if (SimBody.Dec(body, "token_lifetime_seconds") is { } lifetime) s.TokenLifetime = TimeSpan.FromSeconds((double)lifetime);
            if (SimBody.Dec(body, "token_requests_per_minute") is { } tokenRate) s.TokenRequestsPerMinute = (int)tokenRate;
            if (SimBody.Dec(body, "usage_requests_per_minute") is { } usageRate) s.UsageRequestsPerMinute = (int)usageRate;
            if (SimBody.Dec(body, "package_history_interval_seconds") is { } history) s.PackageHistoryInterval = TimeSpan.FromSeconds((double)history);
            if (SimBody.Str(body, "insufficient_credit_reason") is { } reason) s.InsufficientCreditReason = reason;
            if (SimBody.Bool(body, "packages_page_quirk") is { } quirk) s.PackagesPageQuirk = quirk;
            if (SimBody.Bool(body, "top_up_requires_activation") is { } requiresActivation) s.TopUpRequiresActivation = requiresActivation;
            if (SimBody.Bool(body, "top_up_refreshes_usage") is { } refreshes) s.TopUpRefreshesUsage = refreshes;
            if (body.TryGetProperty("top_up_limit_per_esim", out var limit))
                s.TopUpLimitPerEsim = limit.ValueKind == JsonValueKind.Null ? null : (int?)SimBody.Dec(body, "top_up_limit_per_esim");
            if (body.TryGetProperty("stock", out var stock))
                s.Stock = stock.ValueKind == JsonValueKind.Null ? null : (int?)SimBody.Dec(body, "stock");
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
                ["latency_ms"] = Faults.LatencyMs,
                ["error_rate"] = Faults.ErrorRate,
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
                ["clock_offset_seconds"] = Clock.Offset.TotalSeconds,
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

    /// <summary>Back to the configured start: no tokens, orders or eSIMs, the starting balance, the clock at real time.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            Clock.Reset();
            Faults.Reset();
            Initialize();
        }
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
}
