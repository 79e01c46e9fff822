using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using QRCoder;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Esimfly;
using Storefront.Domain;

namespace Storefront.Sandbox.Esimfly;

/// <summary>
/// The eSIMfly fake's whole state and rules (docs/providers/esimfly.md §1.7), in memory, behind one lock. Endpoints
/// translate HTTP to these methods; <see cref="EsimflySimulatorException"/> becomes eSIMfly's error body.
/// </summary>
public sealed partial class EsimflySimulatorState
{
    public const string SmdpAddress = "rsp.esimfly.test";
    public const string Currency = "USD";
    internal const string AppleInstallBase = "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=";
    internal const string AndroidInstallBase = "https://esimsetup.android.com/esim_qrcode_provisioning?carddata=";
    private const int MaxQuantity = 10;
    private const int MaxLimit = 100;
    private static readonly TimeSpan RequestIdTtl = TimeSpan.FromHours(24);
    private static readonly string[] ListStatuses =
    [
        EsimflyEsimStatus.New, EsimflyEsimStatus.Active, EsimflyEsimStatus.Expired, EsimflyEsimStatus.Cancelled,
        EsimflyEsimStatus.Depleted, EsimflyEsimStatus.Deleted,
    ];

    private readonly object _gate = new();
    private readonly EsimflySimulatorOptions _configured;
    private readonly Dictionary<string, SimEsim> _esims = [];
    private readonly List<SimOrder> _orders = [];
    private readonly Dictionary<string, DateTimeOffset> _requestIds = [];
    private EsimflySimulatorOptions _settings = null!;
    private Random _random = null!;
    private long _sequence;
    private decimal _balance;
    private DateTimeOffset? _windowStart;
    private int _windowCount;
    private int _admitted;
    private int _refusedAuth;
    private int _refusedRateLimit;

    public EsimflySimulatorState(IOptions<EsimflySimulatorOptions> options, TimeProvider? time = null)
    {
        _configured = options.Value;
        Clock = new SimulatorClock(time ?? TimeProvider.System);
        Faults = new FaultInjector(_configured, _configured.Seed);
        Initialize();
    }

    /// <summary>The virtual time: lifecycles, expiry and the rate-limit window follow it.</summary>
    public DateTimeOffset Now => Clock.GetUtcNow();

    internal SimulatorClock Clock { get; }

    internal FaultInjector Faults { get; }

    /// <summary>
    /// The HMAC auth pipeline, then the rate limit (docs/providers/esimfly.md §1.7 "Auth pipeline", in that order; the
    /// first failure wins). <paramref name="body"/> is the raw request body: the signature is checked over the bytes as
    /// sent.
    /// </summary>
    public void Admit(string? accessCode, string? requestId, string? timestamp, string? signature, bool hasBearer, ReadOnlySpan<byte> body)
    {
        lock (_gate)
        {
            try
            {
                Authenticate(accessCode, requestId, timestamp, signature, hasBearer, body);
            }
            catch (EsimflySimulatorException)
            {
                _refusedAuth++;
                throw;
            }

            var now = Now;
            RollWindow(now);
            if (_windowCount >= _settings.RateLimitPerHour)
            {
                _refusedRateLimit++;
                throw new EsimflySimulatorException(429, new JsonObject
                {
                    ["success"] = false,
                    ["error"] = "Too many requests",
                    ["message"] = $"Rate limit of {_settings.RateLimitPerHour} requests per hour exceeded.",
                    ["code"] = EsimflyErrorCodes.RateLimitExceeded,
                })
                {
                    RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling((WindowReset(now) - now).TotalSeconds)),
                };
            }
            _windowStart ??= now;
            _windowCount++;
            _admitted++;
        }
    }

    /// <summary>The X-RateLimit-* values every provider response carries.</summary>
    public (int Limit, int Remaining, string Reset) RateLimitHeaders()
    {
        lock (_gate)
        {
            var now = Now;
            RollWindow(now);
            var reset = WindowReset(now);
            return (_settings.RateLimitPerHour, Math.Max(0, _settings.RateLimitPerHour - _windowCount),
                _settings.ResetHeaderFormat == EsimflyResetFormats.UnixSeconds
                    ? reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
                    : reset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
    }

    public JsonObject Balance()
    {
        lock (_gate)
            return Success(new JsonObject { ["balance"] = Money(_balance), ["currency"] = Currency });
    }

    public JsonObject Packages(string? search, string? type, string? page, string? limit)
    {
        var matching = EsimflyPackagesFixture.Packages
            .Where(p => type is null || type.Equals(p.Type, StringComparison.OrdinalIgnoreCase))
            .Where(p => search is null || PackageMatches(p, search))
            .OrderBy(p => p.Type switch { "local" => 0, "regional" => 1, _ => 2 })
            .ThenBy(p => p.Unlimited)
            .ThenBy(p => p.Unlimited ? p.Days : p.DataGb)
            .ThenBy(p => p.Days)
            .ToList();
        var (items, pagination) = Paginate(matching, page, limit, 50, _settings.PackagesTotalPagesKey);
        return Success(new JsonObject
        {
            ["packages"] = new JsonArray(items.Select(p => (JsonNode)PackageJson(p)).ToArray()),
            ["pagination"] = pagination,
        });
    }

    /// <summary>
    /// POST /esims/order: balance first, atomic deduction, eSIMs at once or after the async delay
    /// (docs/providers/esimfly.md §1.5.3, §1.7).
    /// </summary>
    public JsonObject PlaceOrder(JsonElement body)
    {
        var code = EsimflySimBody.Str(body, "packageCode");
        if (code is null)
            throw EsimflySimulatorException.Order(400, EsimflyErrorCodes.MissingPackageCode, "Missing required field: packageCode");
        var quantity = EsimflySimBody.Int(body, "quantity") ?? 1;
        if (quantity is < 1 or > MaxQuantity)
            throw EsimflySimulatorException.Order(400, EsimflyErrorCodes.MissingFields, $"quantity must be between 1 and {MaxQuantity}");
        var package = EsimflyPackagesFixture.Package(code)
                      ?? throw EsimflySimulatorException.Order(400, EsimflyErrorCodes.InvalidPackage, "Invalid package code. Package not found in database.");
        if (EsimflySimBody.Dec(body, "price") is { } price && price != package.Cost)
            throw EsimflySimulatorException.Order(400, EsimflyErrorCodes.PriceMismatch, "Invalid price submitted");

        lock (_gate)
        {
            Tick();
            var amount = package.Cost * quantity;
            RequireBalance(amount, topUp: false);
            _balance -= amount;
            var now = Now;
            var order = new SimOrder
            {
                Id = NextId(),
                Reference = NewReference("order", now),
                IsTopUp = false,
                PackageCode = package.Code,
                PackageName = package.Name,
                FlagUrl = FlagUrl(package),
                Quantity = quantity,
                Amount = amount,
                Profit = Profit(amount),
                CreatedAt = now,
            };
            _orders.Add(order);

            if (_settings.AsyncOrders || package.Code.StartsWith(_settings.AsyncPackagePrefix, StringComparison.Ordinal))
            {
                order.Status = EsimflyOrderStatus.Pending;
                order.ReadyAt = now + _settings.AsyncProvisioningDelay;
                return new JsonObject
                {
                    ["success"] = true,
                    ["message"] = "Order created successfully. KDDI eSIM is being provisioned.",
                    ["orderReference"] = order.Reference,
                    ["packageName"] = package.Name,
                    ["newBalance"] = Money(_balance),
                    ["currency"] = Currency,
                    ["status"] = EsimflyOrderStatus.PendingDetails,
                    ["amount"] = Money(amount),
                    ["isPending"] = true,
                    ["esims"] = new JsonArray(),
                };
            }

            var esims = Provision(order, package);
            var first = esims[0];
            return new JsonObject
            {
                ["success"] = true,
                ["message"] = "Order processed successfully",
                ["orderReference"] = order.Reference,
                ["esimId"] = first.Id,
                ["packageName"] = package.Name,
                ["newBalance"] = Money(_balance),
                ["currency"] = Currency,
                ["lpaString"] = first.Lpa,
                ["qrCodeUrl"] = QrDataUrl(first.Lpa),
                ["directAppleInstallUrl"] = AppleInstallBase + first.Lpa,
                ["paymentMethod"] = "balance",
                ["status"] = EsimflyOrderStatus.Completed,
                ["amount"] = Money(amount),
                ["profit"] = Money(order.Profit),
                ["final_price"] = Money(amount),
                ["processing_time_ms"] = _random.Next(1800, 4200),
                ["esims"] = new JsonArray(esims.Select(e => (JsonNode)new JsonObject
                {
                    ["iccid"] = e.Iccid,
                    ["lpaString"] = e.Lpa,
                    ["qrCodeUrl"] = QrDataUrl(e.Lpa),
                    ["directAppleInstallUrl"] = AppleInstallBase + e.Lpa,
                    ["status"] = "New",
                    ["profileStatus"] = e.ProfileStatus,
                    ["isPending"] = false,
                }).ToArray()),
            };
        }
    }

    /// <summary>GET /esims/order?orderReference=: the order and its (first) eSIM, or <c>isPending</c> while it is made.</summary>
    public JsonObject OrderStatus(string? reference)
    {
        if (reference is null)
            throw EsimflySimulatorException.Api(400, EsimflyErrorCodes.MissingFields, "Missing required parameter: orderReference");
        lock (_gate)
        {
            Tick();
            var order = _orders.FirstOrDefault(o => o.Reference == reference)
                        ?? throw EsimflySimulatorException.Api(404, EsimflyErrorCodes.OrderNotFound, "Order not found");
            var esim = order.Iccids.Count > 0 ? _esims[order.Iccids[0]] : null;
            return new JsonObject
            {
                ["success"] = true,
                ["order"] = new JsonObject
                {
                    ["id"] = order.Id,
                    ["packageName"] = order.PackageName,
                    ["packageCode"] = order.PackageCode,
                    ["status"] = order.Status == EsimflyOrderStatus.Pending ? EsimflyOrderStatus.PendingDetails : order.Status,
                    ["amount"] = Money(order.Amount),
                    ["finalPrice"] = Money(order.Amount),
                    ["orderDate"] = Iso(order.CreatedAt),
                    ["orderReference"] = order.Reference,
                    ["paymentMethod"] = "balance",
                    ["paymentStatus"] = "succeeded",
                    ["esim"] = esim is null
                        ? new JsonObject { ["iccid"] = null, ["isPending"] = true }
                        : new JsonObject
                        {
                            ["iccid"] = esim.Iccid,
                            ["status"] = TitleCase(esim.Status),
                            ["qrCodeUrl"] = QrDataUrl(esim.Lpa),
                            ["directAppleInstallUrl"] = AppleInstallBase + esim.Lpa,
                            ["directAndroidInstallUrl"] = AndroidInstallBase + esim.Lpa,
                            ["lpaString"] = esim.Lpa,
                            ["isPending"] = false,
                            ["unlimited"] = esim.Unlimited,
                            ["totalVolume"] = esim.TotalMb * EsimflyUnits.BytesPerMb,
                            ["totalDuration"] = esim.Package.Days,
                            ["expiredTime"] = esim.ExpiresAt is { } expires ? Iso(expires) : null,
                        },
                },
            };
        }
    }

    public JsonObject ListEsims(string? search, string? status, string? page, string? limit, bool includeBase64)
    {
        lock (_gate)
        {
            Tick();
            var matching = _esims.Values
                .Where(e => status is null || status.Equals("all", StringComparison.OrdinalIgnoreCase) || status.Equals(e.Status, StringComparison.OrdinalIgnoreCase))
                .Where(e => search is null || e.Iccid.Contains(search, StringComparison.Ordinal)
                            || e.Package.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                            || e.Package.Code.Contains(search, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(e => e.Id)
                .ToList();
            var (items, pagination) = Paginate(matching, page, limit, 20, "total_pages");
            return Success(new JsonObject
            {
                ["esims"] = new JsonArray(items.Select(e =>
                {
                    var json = EsimJson(e);
                    if (includeBase64) json["qr_code_base64"] = QrDataUrl(e.Lpa)["data:image/png;base64,".Length..];
                    return (JsonNode)json;
                }).ToArray()),
                ["pagination"] = pagination,
            });
        }
    }

    /// <summary>
    /// GET /esims/usage/query by ICCID or order id/reference; its errors have no <c>success</c> key
    /// (docs/providers/esimfly.md §1.5.6).
    /// </summary>
    public JsonObject Usage(string? iccid, string? orderId)
    {
        if (iccid is null && orderId is null)
            throw EsimflySimulatorException.Usage(400, "Bad Request", "Either iccid or order_id is required");
        lock (_gate)
        {
            Tick();
            var esim = iccid is not null
                ? _esims.GetValueOrDefault(iccid)
                : _orders.FirstOrDefault(o => !o.IsTopUp && (o.Reference == orderId || o.Id.ToString(CultureInfo.InvariantCulture) == orderId))
                    is { Iccids.Count: > 0 } order ? _esims[order.Iccids[0]] : null;
            if (esim is null)
                throw EsimflySimulatorException.Usage(404, "Not Found", "eSIM not found or you do not have access to it");
            return Success(new JsonObject
            {
                ["esim"] = new JsonObject
                {
                    ["iccid"] = esim.Iccid,
                    ["order_id"] = esim.OrderReference,
                    ["package_name"] = esim.Package.Name,
                    ["status"] = esim.Status,
                },
                ["data"] = DataJson(esim),
                ["validity"] = ValidityJson(esim),
            });
        }
    }

    /// <summary>
    /// GET /orders: eSIM orders and top-ups, newest first by default (docs/providers/esimfly.md §1.5.7).
    /// </summary>
    public JsonObject Orders(IQueryCollection query)
    {
        string? Q(string name) => query[name].FirstOrDefault() is { Length: > 0 } v ? v : null;
        var status = Q("status");
        var search = Q("search");
        var from = ParseDate(Q("from_date"), endOfDay: false);
        var to = ParseDate(Q("to_date"), endOfDay: true);
        var descending = !"asc".Equals(Q("sort_order"), StringComparison.OrdinalIgnoreCase);
        lock (_gate)
        {
            Tick();
            var matching = _orders
                .Where(o => status is null || status.Equals("all", StringComparison.OrdinalIgnoreCase) || status.Equals(o.Status, StringComparison.OrdinalIgnoreCase))
                .Where(o => search is null || o.Reference.Contains(search, StringComparison.OrdinalIgnoreCase)
                            || o.PackageName.Contains(search, StringComparison.OrdinalIgnoreCase)
                            || o.PackageCode.Contains(search, StringComparison.OrdinalIgnoreCase))
                .Where(o => (from is null || o.CreatedAt >= from) && (to is null || o.CreatedAt <= to));
            Func<SimOrder, IComparable> key = Q("sort_by") switch
            {
                "amount" => o => o.Amount,
                "status" => o => o.Status,
                _ => o => o.CreatedAt,
            };
            var sorted = (descending ? matching.OrderByDescending(key).ThenByDescending(o => o.Id) : matching.OrderBy(key).ThenBy(o => o.Id)).ToList();
            var completed = sorted.Where(o => o.Status == EsimflyOrderStatus.Completed).ToList();
            var (items, pagination) = Paginate(sorted, Q("page"), Q("limit"), 20, "total_pages");
            return Success(new JsonObject
            {
                ["orders"] = new JsonArray(items.Select(o => (JsonNode)new JsonObject
                {
                    ["id"] = o.Id,
                    ["order_reference"] = o.Reference,
                    ["package_name"] = o.PackageName,
                    ["package_code"] = o.PackageCode,
                    ["amount"] = Money(o.Amount),
                    ["currency"] = Currency,
                    ["status"] = o.Status,
                    ["flag_url"] = o.FlagUrl,
                    ["created_at"] = Iso(o.CreatedAt),
                }).ToArray()),
                ["summary"] = new JsonObject
                {
                    ["total_orders"] = completed.Count,
                    ["total_revenue"] = Money(completed.Sum(o => o.Amount)),
                },
                ["pagination"] = pagination,
            });
        }
    }

    public JsonObject TopUpPackages(string? iccid, string? page, string? limit)
    {
        if (iccid is null)
            throw EsimflySimulatorException.Api(400, EsimflyErrorCodes.MissingIccid, "ICCID parameter is required",
                "Topup packages are specific to an eSIM. Please provide the ICCID parameter.");
        lock (_gate)
        {
            Tick();
            var esim = _esims.GetValueOrDefault(iccid)
                       ?? throw EsimflySimulatorException.Api(403, EsimflyErrorCodes.EsimAccessDenied, "eSIM not found or access denied");
            RequireToppable(esim);
            var packages = esim.Package.TopUps.Select(c => EsimflyPackagesFixture.TopUp(c)!).ToList();
            var (items, pagination) = Paginate(packages, page, limit, 50, "total_pages");
            return Success(new JsonObject
            {
                ["packages"] = new JsonArray(items.Select(p => (JsonNode)new JsonObject
                {
                    ["package_code"] = p.Code,
                    ["name"] = p.Name,
                    ["data_amount_gb"] = p.Unlimited ? 0 : p.DataGb,
                    ["validity_days"] = p.Days,
                    ["cost"] = p.Cost,
                    ["currency"] = Currency,
                    ["features"] = new JsonObject { ["is_rechargeable"] = true },
                    ["is_unlimited"] = p.Unlimited,
                }).ToArray()),
                ["pagination"] = pagination,
            });
        }
    }

    /// <summary>POST /topup/order: more data (or days, for unlimited) on an eSIM that is ACTIVE, DEPLETED or USED_EXPIRED.</summary>
    public JsonObject TopUp(JsonElement body)
    {
        var iccid = EsimflySimBody.Str(body, "iccid");
        var code = EsimflySimBody.Str(body, "packageCode");
        if (iccid is null || code is null)
            throw EsimflySimulatorException.Api(400, EsimflyErrorCodes.MissingFields, "Missing required fields: iccid, packageCode");
        var quantity = EsimflySimBody.Int(body, "quantity") ?? 1;
        if (quantity is < 1 or > MaxQuantity)
            throw EsimflySimulatorException.Api(400, EsimflyErrorCodes.MissingFields, $"quantity must be between 1 and {MaxQuantity}");
        lock (_gate)
        {
            Tick();
            var esim = _esims.GetValueOrDefault(iccid)
                       ?? throw EsimflySimulatorException.Api(400, EsimflyErrorCodes.EsimNotFound, "eSIM not found or access denied");
            RequireToppable(esim);
            if (esim.Package.TopUps.Count == 0)
                throw EsimflySimulatorException.Api(400, EsimflyErrorCodes.TopUpNotSupported, "Top-ups not available for this eSIM");
            if (!esim.Package.TopUps.Contains(code) || EsimflyPackagesFixture.TopUp(code) is not { } package)
                throw EsimflySimulatorException.Api(400, EsimflyErrorCodes.InvalidTopUpPackage, "Invalid top-up package for this eSIM");

            var amount = package.Cost * quantity;
            RequireBalance(amount, topUp: true);
            _balance -= amount;
            var now = Now;
            if (!esim.Unlimited) esim.TotalMb += EsimflyUnits.MbFromGb(package.DataGb) * quantity;
            var days = TimeSpan.FromDays(package.Days * quantity);
            esim.ExpiresAt = _settings.TopUpExpiry == EsimflyTopUpExpiryModes.Reset
                ? now + days
                : (esim.ExpiresAt is { } expires && expires > now ? expires : now) + days;
            esim.Status = EsimflyEsimStatus.Active;
            esim.UsedExpired = false;

            var order = new SimOrder
            {
                Id = NextId(),
                Reference = NewReference("topup", now),
                IsTopUp = true,
                PackageCode = package.Code,
                PackageName = package.Name,
                FlagUrl = FlagUrl(esim.Package),
                Quantity = quantity,
                Amount = amount,
                Profit = Profit(amount),
                CreatedAt = now,
            };
            order.Iccids.Add(esim.Iccid);
            _orders.Add(order);
            return new JsonObject
            {
                ["success"] = true,
                ["message"] = "eSIM top-up processed successfully",
                ["orderReference"] = order.Reference,
                ["iccid"] = esim.Iccid,
                ["packageName"] = package.Name,
                ["newBalance"] = Money(_balance),
                ["currency"] = Currency,
                ["status"] = EsimflyOrderStatus.Completed,
                ["amount"] = Money(amount),
                ["profit"] = Money(order.Profit),
                ["processing_time_ms"] = _random.Next(2500, 4000),
                ["esimData"] = new JsonObject
                {
                    ["newTotalVolumeGB"] = Gb(esim.TotalMb),
                    ["newRemainingVolumeGB"] = Gb(esim.RemainingMb),
                    ["expiredTime"] = esim.ExpiresAt.Value.UtcDateTime.ToString("MMMM d, yyyy 'at' h:mm tt", CultureInfo.InvariantCulture),
                },
            };
        }
    }

    internal static string Iso(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Due work at the current virtual time: pending orders get their eSIMs, used-up validity expires.</summary>
    private void Tick()
    {
        var now = Now;
        foreach (var order in _orders.Where(o => o.Status == EsimflyOrderStatus.Pending && o.ReadyAt <= now))
        {
            order.Status = EsimflyOrderStatus.Completed;
            order.ReadyAt = null;
            Provision(order, EsimflyPackagesFixture.Package(order.PackageCode)!);
        }
        foreach (var esim in _esims.Values)
        {
            if (esim.Status is not (EsimflyEsimStatus.Active or EsimflyEsimStatus.Depleted) || esim.ExpiresAt > now) continue;
            esim.UsedExpired = esim.Status == EsimflyEsimStatus.Depleted;
            esim.Status = EsimflyEsimStatus.Expired;
        }
    }

    private List<SimEsim> Provision(SimOrder order, SimPackage package)
    {
        var esims = new List<SimEsim>();
        for (var i = 0; i < order.Quantity; i++)
        {
            var esim = new SimEsim
            {
                Id = NextId(),
                Iccid = NewIccid(),
                MatchingId = Convert.ToHexString(RandomBytes(16)),
                OrderReference = order.Reference,
                Package = package,
                CreatedAt = Now,
                TotalMb = package.Unlimited ? 0 : EsimflyUnits.MbFromGb(package.DataGb),
            };
            _esims.Add(esim.Iccid, esim);
            order.Iccids.Add(esim.Iccid);
            esims.Add(esim);
        }
        return esims;
    }

    private void Authenticate(string? accessCode, string? requestId, string? timestamp, string? signature, bool hasBearer, ReadOnlySpan<byte> body)
    {
        if (accessCode is null && !hasBearer)
            throw EsimflySimulatorException.Api(401, null, "Authentication required",
                "Please provide either Bearer token or complete HMAC signature authentication");
        if (accessCode is null)
            throw new EsimflySimulatorException(401, new JsonObject { ["success"] = false, ["message"] = "Invalid token" });
        if (signature is null || timestamp is null || requestId is null)
            throw EsimflySimulatorException.Api(401, EsimflyErrorCodes.HmacRequired, "HMAC signature authentication required",
                "Missing required headers: RT-Signature, RT-Timestamp, and RT-RequestID are mandatory when using RT-AccessCode");
        if (!UuidV4().IsMatch(requestId))
            throw EsimflySimulatorException.Api(400, EsimflyErrorCodes.InvalidRequestId, "Invalid or missing RT-RequestID header. Must be a valid UUID v4.");
        if (accessCode != _settings.AccessCode)
            throw EsimflySimulatorException.Api(401, EsimflyErrorCodes.InvalidApiKey, "Invalid API key");

        // Against the real time, not the virtual one: moving the clock must not make every client's signature stale.
        var wall = Clock.WallNow.ToUnixTimeMilliseconds();
        var tolerance = (long)_settings.TimestampTolerance.TotalMilliseconds;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || wall - ms > tolerance || (_settings.RejectFutureTimestamps && ms - wall > tolerance))
            throw EsimflySimulatorException.Api(_settings.InvalidTimestampStatus, EsimflyErrorCodes.InvalidTimestamp, "Request timestamp is too old or invalid");

        var expected = EsimflySignature.Compute(_settings.SecretKey, timestamp, requestId, accessCode, body);
        var given = _settings.StrictSignatureCase ? signature : signature.ToUpperInvariant();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given)))
            throw EsimflySimulatorException.Api(401, EsimflyErrorCodes.InvalidSignature, "Invalid HMAC signature");

        // Recorded only once the signature verifies (docs/providers/esimfly.md §1.7 step 7, assumed), so a forged
        // request cannot burn an id.
        var now = Now;
        if (_requestIds.Count > 10_000)
            foreach (var old in _requestIds.Where(r => r.Value < now - RequestIdTtl).Select(r => r.Key).ToList()) _requestIds.Remove(old);
        if (_requestIds.TryGetValue(requestId.ToLowerInvariant(), out var seen) && seen >= now - RequestIdTtl)
            throw EsimflySimulatorException.Api(400, EsimflyErrorCodes.DuplicateRequest, "Request ID has already been used");
        _requestIds[requestId.ToLowerInvariant()] = now;
    }

    private void RollWindow(DateTimeOffset now)
    {
        if (_windowStart is { } start && now >= start + _settings.RateLimitWindow)
        {
            _windowStart = null;
            _windowCount = 0;
        }
    }

    private DateTimeOffset WindowReset(DateTimeOffset now) => (_windowStart ?? now) + _settings.RateLimitWindow;

    private void RequireBalance(decimal amount, bool topUp)
    {
        if (_balance >= amount) return;
        var current = Money(_balance);
        var required = Money(amount);
        var extra = new JsonObject { ["currentBalance"] = current, ["requiredBalance"] = required, ["needToLoad"] = Money(amount - _balance) };
        throw topUp
            ? EsimflySimulatorException.Api(400, EsimflyErrorCodes.InsufficientBalance, "Insufficient balance",
                string.Create(CultureInfo.InvariantCulture, $"Your current balance is ${current:0.00}. Required: ${required:0.00}"))
            : EsimflySimulatorException.Order(400, EsimflyErrorCodes.InsufficientBalance, "Insufficient balance", extra);
    }

    private static void RequireToppable(SimEsim esim)
    {
        if (esim.Status is EsimflyEsimStatus.Active or EsimflyEsimStatus.Depleted || esim.UsedExpired) return;
        throw EsimflySimulatorException.Api(400, EsimflyErrorCodes.EsimNotToppable, $"eSIM cannot be topped up. Current status: {esim.Status}",
            "Only ACTIVE, DEPLETED, or USED_EXPIRED eSIMs can be topped up");
    }

    private (List<T> Items, JsonObject Pagination) Paginate<T>(List<T> all, string? pageText, string? limitText, int defaultLimit, string totalPagesKey)
    {
        var page = Math.Max(1, EsimflySimBody.Query(pageText, 1));
        var limit = Math.Clamp(EsimflySimBody.Query(limitText, defaultLimit), 1, MaxLimit);
        var items = all.Skip((page - 1) * limit).Take(limit).ToList();
        return (items, new JsonObject
        {
            ["page"] = page,
            ["limit"] = limit,
            ["total"] = all.Count,
            [totalPagesKey] = (all.Count + limit - 1) / limit,
        });
    }

    private static bool PackageMatches(SimPackage p, string search) =>
        p.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || p.Region.Contains(search, StringComparison.OrdinalIgnoreCase)
        || p.Countries.Any(c => EsimflyPackagesFixture.Country(c).Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                                || c.Equals(search, StringComparison.OrdinalIgnoreCase));

    private static JsonObject PackageJson(SimPackage p) => new()
    {
        ["package_code"] = p.Code,
        ["name"] = p.Name,
        ["region"] = p.Region,
        ["type"] = p.Type,
        ["data_amount_gb"] = p.Unlimited ? 0 : p.DataGb,
        ["validity_days"] = p.Days,
        ["cost"] = p.Cost,
        ["currency"] = Currency,
        ["features"] = new JsonObject
        {
            ["voice_minutes"] = p.VoiceMinutes,
            ["sms_count"] = p.SmsCount,
            ["is_rechargeable"] = p.Rechargeable,
        },
        ["is_unlimited"] = p.Unlimited,
        ["has_voice"] = p.VoiceMinutes > 0,
        ["has_sms"] = p.SmsCount > 0,
        ["locationNetworkList"] = new JsonArray(p.Countries.Select(iso2 =>
        {
            var country = EsimflyPackagesFixture.Country(iso2);
            return (JsonNode)new JsonObject
            {
                ["locationName"] = country.Name,
                ["locationLogo"] = $"/images/flags/{iso2.ToLowerInvariant()}.png",
                ["operatorList"] = new JsonArray(country.Networks.Select(n => (JsonNode)new JsonObject
                {
                    ["operatorName"] = n.Operator,
                    ["networkType"] = n.NetworkType,
                }).ToArray()),
            };
        }).ToArray()),
    };

    private JsonObject EsimJson(SimEsim e) => new()
    {
        ["id"] = e.Id,
        ["iccid"] = e.Iccid,
        ["package_name"] = e.Package.Name,
        ["package_code"] = e.Package.Code,
        ["countries"] = new JsonArray(e.Package.Countries.Select(c => (JsonNode)EsimflyPackagesFixture.Country(c).Name).ToArray()),
        ["status"] = e.Status,
        ["data"] = DataJson(e),
        ["validity"] = ValidityJson(e),
        ["qr_code"] = $"https://storage.esimfly.test/qr-codes/{e.Id}-{e.MatchingId[..8].ToLowerInvariant()}.png",
        ["manual_installation"] = new JsonObject
        {
            ["smdp_address"] = SmdpAddress,
            ["activation_code"] = e.MatchingId,
            ["lpa_format"] = e.Lpa,
        },
        ["direct_apple_installation_url"] = AppleInstallBase + e.Lpa,
        ["direct_android_installation_url"] = AndroidInstallBase + e.Lpa,
        ["flag_url"] = FlagUrl(e.Package),
        ["created_at"] = Iso(e.CreatedAt),
        ["is_pending"] = false,
        ["phone_number"] = null,
    };

    /// <summary>MB figures; unlimited plans show totals of 0 and a usage share against an assumed 1 GB a day.</summary>
    private static JsonObject DataJson(SimEsim e) => new()
    {
        ["total_mb"] = e.Unlimited ? 0 : e.TotalMb,
        ["used_mb"] = e.UsedMb,
        ["remaining_mb"] = e.RemainingMb,
        ["usage_percentage"] = e.Unlimited
            ? Math.Min(100, (int)Math.Round(e.UsedMb * 100.0 / (e.Package.Days * EsimflyUnits.MbPerGb)))
            : e.TotalMb == 0 ? 0 : Math.Min(100, (int)Math.Round(e.UsedMb * 100.0 / e.TotalMb)),
        ["is_unlimited"] = e.Unlimited,
    };

    private static JsonObject ValidityJson(SimEsim e) => new()
    {
        ["days"] = e.Package.Days,
        ["activated_at"] = e.ActivatedAt is { } activated ? Iso(activated) : null,
        ["expires_at"] = e.ExpiresAt is { } expires ? Iso(expires) : null,
        ["is_expired"] = e.Status == EsimflyEsimStatus.Expired,
    };

    private static JsonObject Success(JsonObject data) => new() { ["success"] = true, ["data"] = data };

    private static decimal Money(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static decimal Gb(long mb) => decimal.Round(mb / (decimal)EsimflyUnits.MbPerGb, 1, MidpointRounding.AwayFromZero);

    private decimal Profit(decimal amount) => Money(amount - amount / (1 + _settings.MarkupPercent / 100m));

    private static string FlagUrl(SimPackage p) =>
        p.Type == "local" ? $"/img/flags/{p.Countries[0]}.png" : $"/img/flags/{p.Region.Replace(' ', '-').ToLowerInvariant()}.png";

    private static string TitleCase(string status) => status.Length == 0 ? status : status[0] + status[1..].ToLowerInvariant();

    private static DateTimeOffset? ParseDate(string? text, bool endOfDay)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.ToDateTime(endOfDay ? TimeOnly.MaxValue : TimeOnly.MinValue), TimeSpan.Zero);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw EsimflySimulatorException.Api(400, EsimflyErrorCodes.MissingFields, $"Invalid date: {text}");
    }

    private static string QrDataUrl(string lpa)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(lpa, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(4));
    }

    private long NextId() => ++_sequence;

    private string NewReference(string kind, DateTimeOffset at)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var suffix = new string(Enumerable.Range(0, 5).Select(_ => alphabet[_random.Next(alphabet.Length)]).ToArray());
        return $"{kind}_{at.ToUnixTimeMilliseconds()}_{suffix}";
    }

    /// <summary>19 digits starting 89 with a valid Luhn check digit (docs/providers/cross-provider.md §4).</summary>
    private string NewIccid()
    {
        while (true)
        {
            var body = "8943108170" + string.Concat(Enumerable.Range(0, 8).Select(_ => _random.Next(10)));
            var iccid = body + LuhnDigit(body);
            if (!_esims.ContainsKey(iccid)) return iccid;
        }
    }

    internal static int LuhnDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex UuidV4();
}
