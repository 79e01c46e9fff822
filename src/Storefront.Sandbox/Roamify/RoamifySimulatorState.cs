using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Roamify;
using Storefront.Domain;

namespace Storefront.Sandbox.Roamify;

/// <summary>
/// The Roamify fake's whole state and rules (docs/providers/roamify.md §2.6), in memory, behind one lock. Endpoints
/// translate HTTP to these methods; <see cref="RoamifySimulatorException"/> becomes Roamify's error body.
/// </summary>
public sealed partial class RoamifySimulatorState
{
    public const string SmdpHost = "sim-lpa.roamify.test";
    private const string IosQuickInstall = "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=";
    private const string AndroidQuickInstall = "https://esimsetup.android.com/esim_qrcode_provisioning?carddata=";
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    internal static readonly string[] ListableStatuses =
    [
        RoamifyEsimStatus.New, RoamifyEsimStatus.Ready, RoamifyEsimStatus.Installed, RoamifyEsimStatus.Revoked,
        RoamifyEsimStatus.Expired, RoamifyEsimStatus.Unknown,
    ];

    private readonly object _gate = new();
    private readonly RoamifySimulatorOptions _configured;
    private readonly SemaphoreSlim _work = new(0);
    private readonly List<RoamifySimOrder> _orders = [];
    private readonly Dictionary<string, RoamifySimEsim> _esims = [];
    private readonly Dictionary<string, RoamifySimEsim> _byIccid = [];
    private readonly Queue<DateTimeOffset> _requests = new();
    private RoamifySimulatorOptions _settings;
    private Random _random;
    private long _sequence;
    private decimal _balance;

    public RoamifySimulatorState(IOptions<RoamifySimulatorOptions> options, TimeProvider? time = null)
    {
        _configured = options.Value;
        Clock = new SimulatorClock(time ?? TimeProvider.System);
        Faults = new FaultInjector(_configured, _configured.Seed);
        Initialize();
        Clock.Advanced += () =>
        {
            lock (_gate) Tick();
            Wake();
        };
    }

    public DateTimeOffset Now => Clock.GetUtcNow();

    internal SimulatorClock Clock { get; }

    internal FaultInjector Faults { get; }

    /// <summary>
    /// Bearer auth (tokens never expire; a rotated one is refused at once) and the optional rate limit
    /// (docs/providers/roamify.md §2.6).
    /// </summary>
    public void Admit(string? authorization)
    {
        var token = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;
        lock (_gate)
        {
            if (string.IsNullOrEmpty(token) || token != _settings.AccessToken)
                throw RoamifySimulatorException.Failed(401, "Unauthorized");
            if (_settings.RateLimitPerMinute is not { } limit) return;
            var now = Now;
            while (_requests.Count > 0 && _requests.Peek() <= now - RateWindow) _requests.Dequeue();
            if (_requests.Count >= limit)
            {
                var wait = _requests.Peek() + RateWindow - now;
                throw new RoamifySimulatorException(429, new JsonObject { ["status"] = "failed", ["message"] = "Too many requests" },
                    "Too many requests") { RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) };
            }
            _requests.Enqueue(now);
        }
    }

    public JsonObject Countries() => Success(new JsonObject
    {
        ["countries"] = new JsonArray(RoamifyPackagesFixture.Countries
            .Select(c => (JsonNode)new JsonObject { ["code"] = c.Code, ["name"] = c.Name }).ToArray()),
    });

    /// <summary>
    /// Filters as documented (docs/providers/roamify.md §2.3.2) and pages the groups, or the packages when
    /// <see cref="RoamifySimulatorOptions.PageCounts"/> says so. No pagination metadata; past the end the list is
    /// empty.
    /// </summary>
    public JsonObject Packages(PackageQuery q)
    {
        var page = ParsePositive(q.Page, "page") ?? 1;
        var pageSize = ParsePositive(q.PageSize, "pageSize");
        var days = ParsePositive(q.Days, "days");
        var gbs = q.Gbs is null ? (decimal?)null
            : decimal.TryParse(q.Gbs, NumberStyles.Number, CultureInfo.InvariantCulture, out var g) ? g
            : throw RoamifySimulatorException.Joi("\"gbs\" must be a number");
        var unlimited = q.IsUnlimited switch
        {
            null => (bool?)null,
            "true" => true,
            "false" => false,
            _ => throw RoamifySimulatorException.Joi("\"isUnlimited\" must be a boolean"),
        };
        if (q.Geography is not (null or RoamifyGeography.Local or RoamifyGeography.Regional or RoamifyGeography.Global))
            throw RoamifySimulatorException.Joi("\"geography\" must be one of [local, regional, global]");

        List<(RoamifySimGroup Group, RoamifySimPackage Package)> matching;
        if (q.PackageId is not null)
            matching = RoamifyPackagesFixture.Find(q.PackageId) is { } found ? [found] : [];
        else
            matching = RoamifyPackagesFixture.Groups
                .Where(grp => q.Country is null || string.Equals(grp.Name, q.Country, StringComparison.OrdinalIgnoreCase))
                .Where(grp => q.CountryCode is null || string.Equals(grp.Code, q.CountryCode, StringComparison.OrdinalIgnoreCase))
                .Where(grp => q.Geography is null || grp.Geography == q.Geography)
                .OrderBy(grp => grp.Name, StringComparer.Ordinal)
                .SelectMany(grp => grp.Packages.Select(p => (grp, p)))
                .Where(x => days is null || x.p.Day == days)
                .Where(x => unlimited != true || x.p.IsUnlimited)
                .Where(x => gbs is null || unlimited == true || x.p.DataMb == gbs * 1024m)
                .ToList();

        int size;
        bool countsPackages;
        lock (_gate)
        {
            size = pageSize ?? _settings.DefaultPageSize;
            if (_settings.MaxPageSize is { } max) size = Math.Min(size, max);
            countsPackages = _settings.PageCounts == RoamifyPageCounts.Packages;
        }
        if (countsPackages) matching = matching.Skip((page - 1) * size).Take(size).ToList();
        var groups = matching.GroupBy(x => x.Group, x => x.Package).ToList();
        if (!countsPackages) groups = groups.Skip((page - 1) * size).Take(size).ToList();
        return Success(new JsonObject
        {
            ["packages"] = new JsonArray(groups.Select(grp => (JsonNode)GroupJson(grp.Key, grp)).ToArray()),
        });
    }

    /// <summary>
    /// Creates a COMPLETED order and one NEW eSIM per unit, without ICCID or profile (docs/providers/roamify.md §2.6
    /// step 1). An instant order also starts generating the profiles; the caller waits <paramref name="wait"/> and then
    /// reads <see cref="CompleteInstant"/>.
    /// </summary>
    public JsonObject Order(JsonElement body, bool instant, out TimeSpan wait)
    {
        var allowed = instant ? new[] { "items", "referenceId", "startDate" } : ["items", "referenceId"];
        RejectUnknownKeys(body, allowed);
        var items = ParseItems(body);
        var referenceId = SimBody.Str(body, "referenceId");
        var startDate = instant ? SimBody.Str(body, "startDate") : null;
        lock (_gate)
        {
            Tick();
            var lines = items.Select(i => (Item: i, Found: RoamifyPackagesFixture.Find(i.PackageId))).ToList();
            if (lines.Where(l => l.Found is null).Select(l => l.Item.PackageId).FirstOrDefault() is { } unknown)
                throw _settings.StrictValidation
                    ? RoamifySimulatorException.Failed(400, $"Package {unknown} not found")
                    : RoamifySimulatorException.Failed(500, "Unknown error");
            var total = lines.Sum(l => l.Found!.Value.Package.Price * l.Item.Quantity);
            var chargeNow = instant || _settings.ChargeAt == RoamifyChargePoints.Order;
            var parsedStart = instant && lines.Any(l => l.Found!.Value.Package.TravelDate) ? ParseStartDate(startDate) : (DateOnly?)null;
            if (chargeNow) Debit(total);

            var now = Now;
            var order = new RoamifySimOrder
            {
                Id = NewUuid(),
                Seq = ++_sequence,
                ReferenceId = referenceId,
                Kind = "esim",
                Total = total,
                CreatedAt = now,
                UpdatedAt = now,
                Items = [],
                Instant = instant,
            };
            foreach (var (item, found) in lines)
            {
                for (var i = 0; i < item.Quantity; i++)
                {
                    var (group, package) = found!.Value;
                    var esim = new RoamifySimEsim
                    {
                        EsimId = NewUuid(),
                        Seq = ++_sequence,
                        OrderId = order.Id,
                        ReferenceId = referenceId,
                        Group = group,
                        Package = package,
                        CreatedAt = now,
                        UpdatedAt = now,
                        Charged = chargeNow,
                    };
                    esim.Events.Add((now, RoamifyEsimStatus.New));
                    _esims.Add(esim.EsimId, esim);
                    order.Items.Add(new RoamifySimOrderItem(esim.EsimId, package.PackageId, package.Name, "esim", package.Price, now));
                    if (instant)
                    {
                        esim.StartDate = package.TravelDate ? parsedStart : null;
                        esim.ProfileReadyAt = now + _settings.ApplyDelay;
                    }
                }
            }
            _orders.Add(order);
            wait = instant ? _settings.ApplyDelay : TimeSpan.Zero;
            return Success(OrderJson(order));
        }
    }

    /// <summary>The instant order once its profiles are generated.</summary>
    public JsonObject CompleteInstant(string orderId)
    {
        lock (_gate)
        {
            var order = _orders.First(o => o.Id == orderId);
            foreach (var esim in EsimsOf(order).Where(e => !e.HasProfile)) Materialize(esim);
            return Success(OrderJson(order));
        }
    }

    /// <summary>
    /// Starts generating profiles (docs/providers/roamify.md §2.6 step 2): by esimId, or every eSIM of the order with
    /// referenceId (answered as an array). A travel-date package needs a valid startDate. Answers "still pending
    /// processing" for an eSIM already being generated, or (with
    /// <see cref="RoamifySimulatorOptions.ApplyPendingProbability"/>) instead of holding the request.
    /// </summary>
    public ApplyTicket Apply(JsonElement body)
    {
        RejectUnknownKeys(body, ["esimId", "referenceId", "startDate"]);
        var esimId = SimBody.Str(body, "esimId");
        var referenceId = SimBody.Str(body, "referenceId");
        var startText = SimBody.Str(body, "startDate");
        if (esimId is null && referenceId is null) throw RoamifySimulatorException.Joi("\"esimId\" is required");
        lock (_gate)
        {
            Tick();
            var targets = referenceId is not null
                ? EsimsOf(LatestOrder(referenceId, "esim") ?? throw RoamifySimulatorException.NotFound("Order")).ToList()
                : [FindEsim(esimId!)];
            if (targets.Any(e => e.ProfileReadyAt is not null && !e.HasProfile))
                throw Pending();

            var fresh = targets.Where(e => e.ProfileReadyAt is null).ToList();
            var startDate = fresh.Any(e => e.Package.TravelDate) ? ParseStartDate(startText) : (DateOnly?)null;
            if (_settings.ChargeAt == RoamifyChargePoints.Apply)
            {
                var due = fresh.Where(e => !e.Charged).ToList();
                Debit(due.Sum(e => e.Package.Price));
                foreach (var e in due) e.Charged = true;
            }
            var now = Now;
            foreach (var e in fresh)
            {
                e.StartDate = e.Package.TravelDate ? startDate : null;
                e.ProfileReadyAt = now + _settings.ApplyDelay;
            }
            var wait = fresh.Count == 0 ? TimeSpan.Zero : _settings.ApplyDelay;
            if (wait > TimeSpan.Zero && _settings.ApplyPendingProbability > 0 && _random.NextDouble() < _settings.ApplyPendingProbability)
                throw Pending();
            return new ApplyTicket(targets.Select(e => e.EsimId).ToList(), referenceId is not null, wait);
        }
    }

    /// <summary>The answer to an apply whose wait is over: the held request completes the profiles it waited for.</summary>
    public JsonObject CompleteApply(ApplyTicket ticket)
    {
        lock (_gate)
        {
            Tick();
            var esims = ticket.EsimIds.Select(id => _esims[id]).ToList();
            foreach (var esim in esims.Where(e => !e.HasProfile)) Materialize(esim);
            return ticket.AsArray
                ? Success(new JsonArray(esims.Select(e => (JsonNode)EsimJson(e)).ToArray()))
                : Success(EsimJson(esims[0]));
        }
    }

    public JsonObject GetOrder(string? orderId, string? referenceId)
    {
        if (orderId is null && referenceId is null)
            throw RoamifySimulatorException.Joi("\"value\" must contain at least one of [orderId, referenceId]");
        lock (_gate)
        {
            Tick();
            var order = orderId is not null ? _orders.FirstOrDefault(o => o.Id == orderId) : LatestOrder(referenceId!, null);
            return Success(OrderJson(order ?? throw RoamifySimulatorException.NotFound("Order")));
        }
    }

    public JsonObject ListOrders(string? status, string? limitText, string? referenceId)
    {
        var limit = ParsePositive(limitText, "limit") ?? 50;
        lock (_gate)
        {
            Tick();
            var orders = _orders
                .Where(o => status is null || o.Status == status)
                .Where(o => referenceId is null || o.ReferenceId == referenceId)
                .OrderByDescending(o => o.Seq)
                .Take(limit)
                .Select(o => (JsonNode)OrderJson(o))
                .ToArray();
            return Success(new JsonObject { ["orders"] = new JsonArray(orders) });
        }
    }

    public JsonObject GetEsim(string? esimId, string? iccid)
    {
        if (esimId is null && iccid is null)
            throw RoamifySimulatorException.Joi("\"value\" must contain at least one of [iccid, esimId]");
        lock (_gate)
        {
            Tick();
            return Success(EsimJson(esimId is not null ? FindEsim(esimId) : FindByIccid(iccid!)));
        }
    }

    public JsonObject ListEsims(string? status, string? limitText, string? referenceId)
    {
        if (status is not null && !ListableStatuses.Contains(status))
            throw RoamifySimulatorException.Joi($"\"status\" must be one of [{string.Join(", ", ListableStatuses)}]");
        var limit = ParsePositive(limitText, "limit") ?? 50;
        lock (_gate)
        {
            Tick();
            return Success(new JsonArray(_esims.Values
                .Where(e => status is null || e.Status == status)
                .Where(e => referenceId is null || e.ReferenceId == referenceId)
                .OrderByDescending(e => e.Seq)
                .Take(limit)
                .Select(e => (JsonNode)EsimJson(e))
                .ToArray()));
        }
    }

    /// <summary>
    /// Data in MB; refused for a package without usage check (docs/providers/roamify.md §2.3.8, §2.6).
    /// </summary>
    public JsonObject Usage(string? iccid, bool details)
    {
        lock (_gate)
        {
            Tick();
            var esim = FindByIccid(RequireQuery(iccid, "iccid"));
            if (!esim.Package.WithUsageCheck)
                throw RoamifySimulatorException.Failed(400, "Usage check is not supported for this eSIM; see the package notes.");
            var json = UsageJson(esim);
            if (details)
            {
                var factor = _settings.UsageDetailsUnit switch { "KB" => 1024m, "B" => 1024m * 1024m, _ => 1m };
                json["dataUsages"] = new JsonArray(esim.Usage
                    .GroupBy(u => (u.Date, u.Location))
                    .Select(day => (JsonNode)new JsonObject
                    {
                        ["date"] = day.Key.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                        ["usage"] = decimal.Round(day.Sum(u => u.Mb) * factor, 0),
                        ["location"] = day.Key.Location,
                    }).ToArray());
            }
            return Success(json);
        }
    }

    public JsonObject TopUpPackages(string? iccid, string? daysText, string? gbsText, string? unlimitedText, string? packageId)
    {
        var days = ParsePositive(daysText, "days");
        var gbs = gbsText is null ? (decimal?)null
            : decimal.TryParse(gbsText, NumberStyles.Number, CultureInfo.InvariantCulture, out var g) ? g
            : throw RoamifySimulatorException.Joi("\"gbs\" must be a number");
        lock (_gate)
        {
            Tick();
            var esim = FindByIccid(RequireQuery(iccid, "iccid"));
            var packages = CompatibleTopUps(esim)
                .Where(p => days is null || p.Day == days)
                .Where(p => gbs is null || p.DataMb == gbs * 1024m)
                .Where(p => unlimitedText is null || p.IsUnlimited == (unlimitedText == "true"))
                .Where(p => packageId is null || p.PackageId == packageId);
            return Success(new JsonArray(packages.Select(p => (JsonNode)TopUpPackageJson(p)).ToArray()));
        }
    }

    /// <summary>
    /// Needs a generated profile, withTopUp, a compatible package and the balance; adds the data and the validity
    /// (<see cref="RoamifySimulatorOptions.TopUpValidity"/>) and records a COMPLETED order
    /// (docs/providers/roamify.md §2.6 "Top-up").
    /// </summary>
    public JsonObject TopUp(JsonElement body)
    {
        RejectUnknownKeys(body, ["iccid", "packageId", "referenceId"]);
        var iccid = SimBody.Str(body, "iccid") ?? throw RoamifySimulatorException.Joi("\"iccid\" is required");
        var packageId = SimBody.Str(body, "packageId") ?? throw RoamifySimulatorException.Joi("\"packageId\" is required");
        var referenceId = SimBody.Str(body, "referenceId");
        lock (_gate)
        {
            Tick();
            var esim = FindByIccid(iccid);
            if (!esim.Package.WithTopUp)
                throw RoamifySimulatorException.Failed(400, "Top-up is not available for this eSIM.");
            if (esim.Status is RoamifyEsimStatus.Expired or RoamifyEsimStatus.Revoked)
                throw RoamifySimulatorException.Failed(400, $"Top-up is not available for an eSIM in status {esim.Status}.");
            var package = CompatibleTopUps(esim).FirstOrDefault(p => p.PackageId == packageId)
                          ?? throw RoamifySimulatorException.Failed(400, $"Package {packageId} is not a compatible top-up for this eSIM.");
            Debit(package.Price);

            var now = Now;
            var item = new RoamifySimOrderItem(esim.EsimId, package.PackageId, package.Name, _settings.TopUpItemType, package.Price, now);
            var order = new RoamifySimOrder
            {
                Id = NewUuid(),
                Seq = ++_sequence,
                ReferenceId = referenceId,
                Kind = "topup",
                Total = package.Price,
                CreatedAt = now,
                UpdatedAt = now,
                Items = [item],
            };
            _orders.Add(order);
            esim.History.Add(item);
            if (!esim.IsUnlimited)
            {
                esim.AllowedMb += package.DataAmount;
                esim.RemainingMb += package.DataAmount;
                esim.NotifiedPercent = UsedPercent(esim);
            }
            if (esim.StartedAt is null)
                esim.ValidityDays += package.Day;
            else
            {
                var days = TimeSpan.FromDays(package.Day);
                var current = esim.ExpiredAt ?? now;
                esim.ExpiredAt = _settings.TopUpValidity switch
                {
                    RoamifyTopUpValidity.Reset => now + days,
                    RoamifyTopUpValidity.Longest => Max(current, now + days),
                    _ => Max(current, now) + days,
                };
            }
            esim.UpdatedAt = now;
            return Success(OrderJson(order));
        }
    }

    public JsonObject History(string? iccid)
    {
        lock (_gate)
        {
            Tick();
            var esim = FindByIccid(RequireQuery(iccid, "iccid"));
            return Success(new JsonArray(esim.History.Select(h => (JsonNode)ItemJson(h)).ToArray()));
        }
    }

    /// <summary>
    /// Not wrapped in the status/data envelope, as in the docs' sample (docs/providers/roamify.md §2.3.11).
    /// </summary>
    public JsonObject Events(string? iccid, string? esimId, string? referenceId)
    {
        lock (_gate)
        {
            Tick();
            var esim = iccid is not null ? FindByIccid(iccid)
                : esimId is not null ? FindEsim(esimId)
                : referenceId is not null ? _esims.Values.Where(e => e.ReferenceId == referenceId).MaxBy(e => e.Seq)
                    ?? throw RoamifySimulatorException.NotFound("eSIM")
                : throw RoamifySimulatorException.Joi("\"value\" must contain at least one of [iccid, esimId, referenceId]");
            return new JsonObject
            {
                ["iccid"] = esim.Iccid,
                ["esimId"] = esim.EsimId,
                ["referenceId"] = esim.ReferenceId,
                ["events"] = new JsonArray(esim.Events.Select(e => (JsonNode)new JsonObject
                {
                    ["iccid"] = esim.Iccid,
                    ["eid"] = null,
                    ["status"] = e.Status,
                    ["timeStamp"] = e.At.ToUnixTimeSeconds(),
                    ["dateTime"] = e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                }).ToArray()),
                ["locations"] = new JsonArray(esim.Usage.Select(u => u.Location).Distinct().Select(l => (JsonNode?)l).ToArray()),
            };
        }
    }

    public JsonObject Balance()
    {
        lock (_gate) return Success(new JsonObject { ["balance"] = _balance, ["currency"] = "USD" });
    }

    /// <summary>Runs what is due at the current virtual time: generated profiles, expiry and the 4-hourly usage events.</summary>
    internal void Tick()
    {
        lock (_gate)
        {
            var now = Now;
            foreach (var esim in _esims.Values)
            {
                if (!esim.HasProfile && esim.ProfileReadyAt <= now) Materialize(esim);
                if (!esim.HasProfile || esim.Status is RoamifyEsimStatus.Expired or RoamifyEsimStatus.Revoked) continue;
                if (esim.ExpiredAt <= now)
                {
                    esim.Status = RoamifyEsimStatus.Expired;
                    esim.DeviceStatus = RoamifyEsimStatus.Expired;
                    esim.UpdatedAt = now;
                    StatusEvent(esim);
                    continue;
                }
                if (esim.DeviceStatus == RoamifyEsimStatus.Activated && now - esim.LastUsageReportAt >= _settings.UsageReportInterval)
                {
                    esim.LastUsageReportAt = now;
                    UsageEvent(esim);
                }
            }
        }
    }

    /// <summary>
    /// The profile exists: ICCID, LPA, READY, and a validity horizon until first use (docs/providers/roamify.md §2.6).
    /// </summary>
    private void Materialize(RoamifySimEsim esim)
    {
        string iccid;
        do iccid = NewIccid(); while (_byIccid.ContainsKey(iccid));
        var readyAt = esim.ProfileReadyAt is { } at && at < Now ? at : Now;
        esim.Iccid = iccid;
        esim.MatchingId = Convert.ToHexString(RandomBytes(16));
        esim.Status = RoamifyEsimStatus.Ready;
        esim.ProfileReadyAt = readyAt;
        esim.ExpiredAt = readyAt + _settings.UnusedProfileValidity;
        esim.ValidityDays = esim.Package.Day;
        esim.AllowedMb = esim.Package.DataAmount;
        esim.RemainingMb = esim.Package.DataAmount;
        esim.UpdatedAt = readyAt;
        esim.History.Add(new RoamifySimOrderItem(esim.EsimId, esim.Package.PackageId, esim.Package.Name, "esim", esim.Package.Price, readyAt));
        _byIccid.Add(iccid, esim);
    }

    private void Debit(decimal amount)
    {
        if (amount <= 0) return;
        if (_balance < amount)
        {
            PartnerEvent(RoamifyEventTypes.InsufficientBalance, 100m);
            throw RoamifySimulatorException.Failed(_settings.InsufficientBalanceStatus, "Insufficient balance");
        }
        var before = _balance;
        _balance -= amount;
        var threshold = _settings.LowBalanceThresholdUsd;
        // One event per debit, for the lowest level crossed: the threshold, then 75, 50 and 25 % of it
        // (docs/providers/roamify.md §2.4).
        foreach (var share in new[] { 0.25m, 0.5m, 0.75m, 1m })
        {
            var level = threshold * share;
            if (before >= level && _balance < level)
            {
                PartnerEvent(RoamifyEventTypes.LowBalance, share * 100m);
                break;
            }
        }
    }

    private IEnumerable<RoamifySimPackage> CompatibleTopUps(RoamifySimEsim esim) => esim.Package.WithTopUp
        ? esim.Group.Packages.Where(p => p.WithTopUp && !p.TravelDate && p.IsUnlimited == esim.IsUnlimited)
        : [];

    private IEnumerable<RoamifySimEsim> EsimsOf(RoamifySimOrder order) => order.Items.Select(i => _esims[i.EsimId]).Distinct();

    private RoamifySimOrder? LatestOrder(string referenceId, string? kind) =>
        _orders.Where(o => o.ReferenceId == referenceId && (kind is null || o.Kind == kind)).MaxBy(o => o.Seq);

    private RoamifySimEsim FindEsim(string esimId) =>
        _esims.GetValueOrDefault(esimId) ?? throw RoamifySimulatorException.NotFound("eSIM");

    private RoamifySimEsim FindByIccid(string iccid) =>
        _byIccid.GetValueOrDefault(iccid) ?? throw RoamifySimulatorException.NotFound("eSIM");

    private RoamifySimulatorException Pending() =>
        RoamifySimulatorException.Failed(_settings.ApplyPendingStatus, "eSIM is still pending processing");

    [MemberNotNull(nameof(_settings), nameof(_random))]
    private void Initialize()
    {
        _settings = _configured.Clone();
        _random = _settings.Seed is { } seed ? new Random(seed) : new Random();
        _orders.Clear();
        _esims.Clear();
        _byIccid.Clear();
        _requests.Clear();
        _events.Clear();
        _deliveries.Clear();
        _sequence = 0;
        _balance = _settings.StartingBalanceUsd;
    }

    /// <summary>A travel start date: required, ISO 8601 (YYYY-MM-DD), not before today in UTC.</summary>
    private DateOnly ParseStartDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw RoamifySimulatorException.Failed(400, "startDate is required for this package.");
        if (!TryParseIsoDate(text, out var date))
            throw RoamifySimulatorException.Failed(400, "startDate must be an ISO 8601 date, e.g. 2026-07-01.");
        if (date < DateOnly.FromDateTime(Now.UtcDateTime))
            throw RoamifySimulatorException.Failed(400, "startDate must not be in the past.");
        return date;
    }

    private static bool TryParseIsoDate(string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        if (!text.Contains('T') || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return false;
        date = DateOnly.FromDateTime(at.UtcDateTime);
        return true;
    }

    private static List<(string PackageId, int Quantity)> ParseItems(JsonElement body)
    {
        var items = SimBody.Prop(body, "items") ?? throw RoamifySimulatorException.Joi("\"items\" is required");
        if (items.ValueKind != JsonValueKind.Array) throw RoamifySimulatorException.Joi("\"items\" must be an array");
        if (items.GetArrayLength() == 0) throw RoamifySimulatorException.Joi("\"items\" must contain at least 1 items");
        var parsed = new List<(string, int)>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var name = $"items[{index++}]";
            if (item.ValueKind != JsonValueKind.Object) throw RoamifySimulatorException.Joi($"\"{name}\" must be of type object");
            var packageId = SimBody.Prop(item, "packageId") switch
            {
                null => throw RoamifySimulatorException.Joi($"\"{name}.packageId\" is required"),
                { ValueKind: JsonValueKind.String } v when v.GetString() is { Length: > 0 } s => s,
                _ => throw RoamifySimulatorException.Joi($"\"{name}.packageId\" must be a string"),
            };
            var quantity = SimBody.Prop(item, "quantity") switch
            {
                null => throw RoamifySimulatorException.Joi($"\"{name}.quantity\" is required"),
                { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var q) => q,
                _ => throw RoamifySimulatorException.Joi($"\"{name}.quantity\" must be a number"),
            };
            if (quantity < 1) throw RoamifySimulatorException.Joi($"\"{name}.quantity\" must be greater than or equal to 1");
            parsed.Add((packageId, quantity));
        }
        return parsed;
    }

    /// <summary>
    /// Joi rejects keys it does not know (docs/providers/roamify.md §2.3.3: extra fields are not part of the contract).
    /// </summary>
    private static void RejectUnknownKeys(JsonElement body, string[] allowed)
    {
        foreach (var property in body.EnumerateObject())
            if (!allowed.Contains(property.Name))
                throw RoamifySimulatorException.Joi($"\"{property.Name}\" is not allowed");
    }

    private static string RequireQuery(string? value, string name) =>
        string.IsNullOrEmpty(value) ? throw RoamifySimulatorException.Joi($"\"{name}\" is required") : value;

    private static int? ParsePositive(string? text, string name) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 1 ? value
        : throw RoamifySimulatorException.Joi($"\"{name}\" must be a positive number");

    private static int UsedPercent(RoamifySimEsim esim) =>
        esim.AllowedMb <= 0 ? 0 : (int)Math.Floor((esim.AllowedMb - esim.RemainingMb) * 100m / esim.AllowedMb);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>19 digits: 894000 (as in the docs' sample ICCID), 12 random digits and a Luhn check digit.</summary>
    private string NewIccid()
    {
        var digits = "894000" + string.Concat(Enumerable.Range(0, 12).Select(_ => _random.Next(10)));
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return digits + (10 - sum % 10) % 10;
    }

    /// <summary>A version 4 UUID from the (seedable) random source.</summary>
    private string NewUuid()
    {
        var bytes = RandomBytes(16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    internal static JsonObject Success(JsonNode data) => new() { ["status"] = "success", ["data"] = data };

    private static long Unix(DateTimeOffset at) => at.ToUnixTimeSeconds();

    private static JsonObject GroupJson(RoamifySimGroup group, IEnumerable<RoamifySimPackage> packages) => new()
    {
        ["id"] = group.Id,
        ["countryName"] = group.Name,
        ["countryCode"] = group.Code,
        ["countrySlug"] = group.Slug,
        ["region"] = group.Region,
        ["geography"] = group.Geography,
        ["minPrice"] = group.Packages.Min(p => p.Price),
        ["maxPrice"] = group.Packages.Max(p => p.Price),
        ["image"] = $"https://imagedelivery.net/roamify-sandbox/countries/flags/{group.Slug}/public",
        ["signals"] = new JsonArray(group.Signals.Select(s => (JsonNode)new JsonObject
        {
            ["code"] = s.Code,
            ["name"] = s.Name,
            ["networks"] = new JsonArray(s.Networks.Select(n => (JsonNode?)n).ToArray()),
            ["carriers"] = new JsonArray(s.Carriers.Select(c => (JsonNode?)c).ToArray()),
        }).ToArray()),
        ["packages"] = new JsonArray(packages.Select(p => (JsonNode)PackageJson(p)).ToArray()),
    };

    private static JsonObject PackageJson(RoamifySimPackage p) => new()
    {
        ["packageId"] = p.PackageId,
        ["package"] = p.Name,
        ["plan"] = "data-only",
        ["activation"] = "first-use",
        ["day"] = p.Day,
        ["price"] = p.Price,
        ["isUnlimited"] = p.IsUnlimited,
        ["isAPNAutomatic"] = true,
        ["apn"] = "",
        ["dataAmount"] = p.DataAmount,
        ["dataUnit"] = "MB",
        ["callType"] = "all",
        ["callAmount"] = -1,
        ["callUnit"] = "",
        ["smsType"] = "all",
        ["smsAmount"] = -1,
        ["smsUnit"] = "",
        ["withSMS"] = false,
        ["withCall"] = false,
        ["withHotspot"] = true,
        ["withDataRoaming"] = true,
        ["withDestinationInstall"] = false,
        ["withUsageCheck"] = p.WithUsageCheck,
        ["withTopUp"] = p.WithTopUp,
        ["withThrottle"] = p.ThrottleKbps is not null,
        ["throttle"] = p.ThrottleKbps is { } kbps
            ? new JsonObject
            {
                ["throttleSpeed"] = kbps,
                ["throttleSpeedUnit"] = "kbps",
                ["throttleThreshold"] = p.ThrottleAfterGb,
                ["throttleThresholdUnit"] = "gb",
            }
            : null,
        ["requirements"] = new JsonObject { ["travelDate"] = p.TravelDate },
        ["notes"] = new JsonArray(p.WithUsageCheck ? [] : [(JsonNode?)"Usage check is not available for this package."]),
    };

    private static JsonObject TopUpPackageJson(RoamifySimPackage p) => new()
    {
        ["packageId"] = p.PackageId,
        ["package"] = p.Name,
        ["plan"] = "data-only",
        ["activation"] = "first-use",
        ["day"] = p.Day,
        ["price"] = p.Price,
        ["withHotspot"] = true,
        ["withDataRoaming"] = true,
        ["withDestinationInstall"] = false,
        ["withUsageCheck"] = p.WithUsageCheck,
        ["apn"] = new JsonObject { ["apnAutomatic"] = true, ["apnName"] = "", ["apnUsername"] = "", ["apnPassword"] = "" },
        ["data"] = new JsonObject { ["isUnlimited"] = p.IsUnlimited, ["dataAmount"] = p.DataAmount, ["dataUnit"] = "MB" },
        ["call"] = new JsonObject { ["withCall"] = false, ["callType"] = "all", ["callAmount"] = -1, ["callUnit"] = "" },
        ["sms"] = new JsonObject { ["withSMS"] = false, ["smsType"] = "all", ["smsAmount"] = -1, ["smsUnit"] = "" },
        ["notes"] = new JsonArray(),
    };

    private JsonObject OrderJson(RoamifySimOrder order)
    {
        var json = new JsonObject
        {
            ["id"] = order.Id,
            ["referenceId"] = order.ReferenceId,
            ["orderType"] = "api",
            ["status"] = order.Status,
            ["total"] = order.Total,
            ["currency"] = "USD",
            ["createdAt"] = Unix(order.CreatedAt),
            ["updatedAt"] = Unix(order.UpdatedAt),
        };
        if (order.Instant)
            json["esims"] = new JsonArray(EsimsOf(order).Select(e => (JsonNode)EsimJson(e)).ToArray());
        else
            json["items"] = new JsonArray(order.Items.Select(i => (JsonNode)ItemJson(i)).ToArray());
        return json;
    }

    private static JsonObject ItemJson(RoamifySimOrderItem item) => new()
    {
        ["esimId"] = item.EsimId,
        ["packageId"] = item.PackageId,
        ["package"] = item.Package,
        ["type"] = item.Type,
        ["price"] = item.Price,
        ["currency"] = "USD",
        ["createdAt"] = Unix(item.CreatedAt),
        ["updatedAt"] = Unix(item.CreatedAt),
    };

    private static JsonObject EsimJson(RoamifySimEsim e)
    {
        JsonObject? profile = null;
        if (e.HasProfile)
        {
            var lpa = $"LPA:1${SmdpHost}${e.MatchingId}";
            profile = new JsonObject
            {
                ["lpaCode"] = lpa,
                ["smdpAddress"] = SmdpHost,
                ["activationCode"] = e.MatchingId,
                ["qrCodeUrl"] = $"https://imagedelivery.net/roamify-sandbox/partners/{e.EsimId}/iccid/public",
                ["pin"] = "",
                ["puk"] = "",
                ["number"] = "",
                // The docs' samples append the LPA unencoded (docs/providers/roamify.md §2.3.4).
                ["iosQuickInstall"] = IosQuickInstall + lpa,
                ["androidQuickInstall"] = AndroidQuickInstall + lpa,
            };
        }
        return new JsonObject
        {
            ["id"] = e.EsimId,
            ["iccid"] = e.Iccid,
            ["status"] = e.Status,
            ["activation"] = "first-use",
            ["withTopUp"] = e.Package.WithTopUp,
            ["withHotspot"] = true,
            ["withDataRoaming"] = true,
            ["withDestinationInstall"] = false,
            ["withUsageCheck"] = e.Package.WithUsageCheck,
            ["esim"] = profile,
            ["apn"] = new JsonObject { ["apnAutomatic"] = true, ["apnName"] = "", ["apnUsername"] = "", ["apnPassword"] = "" },
            ["data"] = new JsonObject { ["isUnlimited"] = e.IsUnlimited },
            ["call"] = new JsonObject { ["withCall"] = false, ["callType"] = "all" },
            ["sms"] = new JsonObject { ["withSMS"] = false, ["smsType"] = "all" },
            ["notes"] = new JsonArray(),
            ["createdAt"] = Unix(e.CreatedAt),
            ["updatedAt"] = Unix(e.UpdatedAt),
            ["expiredAt"] = e.ExpiredAt is { } end ? Unix(end) : null,
        };
    }

    /// <summary>
    /// Unlimited allowances are reported at the package value, 2^53−1 (docs/providers/roamify.md §2.6).
    /// </summary>
    private static JsonObject UsageJson(RoamifySimEsim e) => new()
    {
        ["id"] = e.EsimId,
        ["iccid"] = e.Iccid,
        ["status"] = e.Status,
        ["startedAt"] = e.StartedAt is { } start ? Unix(start) : null,
        ["expiredAt"] = e.ExpiredAt is { } end ? Unix(end) : null,
        ["allowedData"] = e.AllowedMb,
        ["remainingData"] = decimal.Round(e.RemainingMb, 2),
        ["allowedSms"] = 0,
        ["remainingSms"] = 0,
        ["allowedVoice"] = 0,
        ["remainingVoice"] = 0,
    };
}

/// <summary>The query of <c>GET /api/esim/packages</c>, as sent (the docs call page and pageSize strings).</summary>
public sealed record PackageQuery(
    string? Country, string? CountryCode, string? Geography, string? Days, string? Gbs, string? IsUnlimited,
    string? PackageId, string? Page, string? PageSize);

/// <summary>An accepted apply: which eSIMs, whether to answer an array, and how long the profiles take.</summary>
public sealed record ApplyTicket(IReadOnlyList<string> EsimIds, bool AsArray, TimeSpan Wait);
