using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.PressOne;
using Storefront.Domain;

namespace Storefront.Sandbox.PressOne;

/// <summary>
/// The PressOne fake's whole state and rules (docs/providers/pressone.md §3.5), in memory, behind one lock. Endpoints
/// translate HTTP to these methods; <see cref="PressOneSimulatorException"/> becomes the Airalo v2 error body.
/// </summary>
public sealed partial class PressOneSimulatorState
{
    public const string SmdpAddress = "lpa.pressone.test";
    public const int MaxQuantity = 50;
    private const string SiteBase = "https://sandbox.pressone.test";
    private const string AppleInstallLink = "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=";
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    private readonly object _gate = new();
    private readonly PressOneSimulatorOptions _configured;
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _tokenRequests = new();
    private readonly List<SimOrder> _orders = [];
    private readonly Dictionary<string, SimCard> _sims = new(StringComparer.Ordinal);
    private PressOneSimulatorOptions _settings;
    private Random _random;
    private long _orderSeq, _simSeq, _bucketSeq;
    private decimal _balance;
    private int _tokensIssued, _authFailures;

    public PressOneSimulatorState(IOptions<PressOneSimulatorOptions> options, TimeProvider? time = null)
    {
        _configured = options.Value;
        Clock = new SimulatorClock(time ?? TimeProvider.System);
        Faults = new FaultInjector(_configured, _configured.Seed);
        Initialize();
    }

    public DateTimeOffset Now => Clock.GetUtcNow();

    internal SimulatorClock Clock { get; }

    internal FaultInjector Faults { get; }

    /// <summary><c>POST customer/v2/token</c> (docs/providers/pressone.md §3.3.1, §3.5 "Tokens and expiry").</summary>
    public JsonObject IssueToken(IReadOnlyDictionary<string, string> form)
    {
        lock (_gate)
        {
            if (_settings.TokenRequestsPerMinute > 0) Throttle(_tokenRequests, _settings.TokenRequestsPerMinute);

            var errors = new JsonObject();
            var clientId = Field(form, "client_id");
            var secret = Field(form, "client_secret");
            var grant = Field(form, "grant_type");
            if (clientId is null) errors["client_id"] = "The client id field is required.";
            else if (clientId != _settings.ClientId) errors["client_id"] = "The selected client id is invalid.";
            if (secret is null) errors["client_secret"] = "The client secret field is required.";
            if (grant is null) errors["grant_type"] = "The grant type field is required.";
            else if (grant != "client_credentials") errors["grant_type"] = "The selected grant type is invalid.";
            if (errors.Count > 0) throw PressOneSimulatorException.Validation(errors);
            if (!FixedTimeEquals(secret!, _settings.ClientSecret))
                throw PressOneSimulatorException.Unauthenticated("Client authentication failed");

            var token = RandomHex(32);
            _tokens[token] = Now + _settings.TokenLifetime;
            _tokensIssued++;
            return Envelope(new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = _settings.TokenExpiresInSeconds,
                ["access_token"] = token,
            });
        }
    }

    /// <summary>Every call but the token request needs a bearer token that was issued and has not run out.</summary>
    public void Authenticate(string? authorization)
    {
        var token = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;
        lock (_gate)
        {
            if (token is not null && _tokens.TryGetValue(token, out var validUntil) && Now < validUntil) return;
            _authFailures++;
            throw PressOneSimulatorException.Unauthenticated();
        }
    }

    public JsonObject Balance()
    {
        lock (_gate)
            return Envelope(new JsonObject
            {
                ["balances"] = new JsonObject
                {
                    ["name"] = "balance",
                    ["availableBalance"] = new JsonObject { ["amount"] = _balance, ["currency"] = _settings.Currency },
                },
            });
    }

    /// <summary>
    /// <c>GET customer/v2/packages</c>: filter[type], filter[country], include=topup, limit, page
    /// (docs/providers/pressone.md §3.5 "Packages").
    /// </summary>
    public JsonObject Packages(IQueryCollection query, string pageUrl)
    {
        var type = query["filter[type]"].FirstOrDefault();
        var country = query["filter[country]"].FirstOrDefault();
        var includeTopUps = (query["include"].FirstOrDefault() ?? "").Split(',').Contains("topup");
        if (type is not (null or "" or PressOnePackageTypes.Local or PressOnePackageTypes.Global))
            throw PressOneSimulatorException.Validation("filter.type", "The selected filter.type is invalid.");
        lock (_gate)
        {
            var entries = PressOnePackagesFixture.Entries
                .Where(e => string.IsNullOrEmpty(type) || e.Operator.Type == type)
                .Where(e => string.IsNullOrEmpty(country) || e.CountryCode == country)
                .ToList();
            var page = Paginate(entries, query, pageUrl);
            var items = page.Items.Select(e => (JsonNode)EntryJson(e, includeTopUps)).ToList();
            JsonNode data = _settings.PackagesPageQuirk && page.Number >= 2
                ? new JsonObject(items.Select((item, i) => KeyValuePair.Create((page.From + i - 1).ToString(CultureInfo.InvariantCulture), (JsonNode?)item)))
                : new JsonArray(items.ToArray());
            return new JsonObject
            {
                ["pricing"] = PricingJson(),
                ["data"] = data,
                ["links"] = page.Links,
                ["meta"] = page.Meta,
            };
        }
    }

    /// <summary><c>POST customer/v2/orders</c> (docs/providers/pressone.md §3.3.5, §3.5 "Orders").</summary>
    public JsonObject Order(IReadOnlyDictionary<string, string> form)
    {
        var errors = new JsonObject();
        var packageId = Field(form, "package_id");
        var quantityText = Field(form, "quantity");
        var description = Field(form, "description");
        var quantity = 0;
        if (packageId is null) errors["package_id"] = "The package id field is required.";
        if (quantityText is null) errors["quantity"] = "The quantity field is required.";
        else if (!int.TryParse(quantityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out quantity))
            errors["quantity"] = "The quantity must be an integer.";
        else if (quantity < 1) errors["quantity"] = "The quantity must be at least 1.";
        else if (quantity > MaxQuantity) errors["quantity"] = $"The quantity may not be greater than {MaxQuantity}.";
        if (Field(form, "type") is { } type && type != PressOnePackageTypes.Sim) errors["type"] = "The selected type is invalid.";
        if (description?.Length > 255) errors["description"] = "The description may not be greater than 255 characters.";
        var found = packageId is null ? null : PressOnePackagesFixture.Find(packageId);
        if (packageId is not null && found is not { Package.Type: PressOnePackageTypes.Sim })
            errors["package_id"] = "The selected package is invalid.";
        if (errors.Count > 0) throw PressOneSimulatorException.Validation(errors);
        var (package, op) = found!.Value;

        lock (_gate)
        {
            switch (package.Id)
            {
                case PressOnePackagesFixture.InsufficientBalancePackage:
                    throw InsufficientCredit(Charge(package) * quantity);
                case PressOnePackagesFixture.MaintenancePackage:
                    throw PressOneSimulatorException.Business(13, "The operator is under maintenance. Please try again later.");
                case PressOnePackagesFixture.NotEnoughStockPackage:
                    throw PressOneSimulatorException.Business(33, "Insufficient eSIM stock for this package.");
                case PressOnePackagesFixture.OutOfStockPackage:
                    throw PressOneSimulatorException.Business(34, "The package is invalid or out of stock.");
            }
            if (_settings.Stock is { } stock && stock < quantity)
                throw PressOneSimulatorException.Validation("quantity", $"SIM quantity is not available. Available quantity: {stock}.");
            var cost = Charge(package) * quantity;
            if (_balance < cost) throw InsufficientCredit(cost);

            _balance -= cost;
            if (_settings.Stock is { } left) _settings.Stock = left - quantity;
            var order = NewOrder(PressOnePackageTypes.Sim, package, op, quantity, description ?? "", cost, null);
            for (var i = 0; i < quantity; i++)
            {
                var sim = NewSim(order, package, op);
                order.Iccids.Add(sim.Iccid);
            }
            return Envelope(OrderJson(order, includeSims: true, includeStatus: false));
        }
    }

    /// <summary><c>POST customer/v2/orders/topups</c> (docs/providers/pressone.md §3.3.10, §3.5 "Top-ups").</summary>
    public JsonObject TopUp(IReadOnlyDictionary<string, string> form)
    {
        var errors = new JsonObject();
        var packageId = Field(form, "package_id");
        var iccid = Field(form, "iccid");
        var description = Field(form, "description");
        if (packageId is null) errors["package_id"] = "The package id field is required.";
        if (iccid is null) errors["iccid"] = "The iccid field is required.";
        else if (iccid.Length is < 16 or > 21) errors["iccid"] = "The iccid must be between 16 and 21 characters.";
        if (description?.Length > 255) errors["description"] = "The description may not be greater than 255 characters.";
        if (errors.Count > 0) throw PressOneSimulatorException.Validation(errors);

        lock (_gate)
        {
            if (!_sims.TryGetValue(iccid!, out var sim)) throw PressOneSimulatorException.Validation("iccid", "The selected iccid is invalid.");
            if (sim.Recycled) throw Recycled(sim);
            if (sim.BasePackageId == PressOnePackagesFixture.DisabledTopUpPackage)
                throw PressOneSimulatorException.Business(23, "Top-ups are disabled by the operator for this eSIM.");
            var package = TopUpsFor(sim).FirstOrDefault(p => p.Id == packageId)
                          ?? throw PressOneSimulatorException.Validation("package_id", "invalid topup package");
            if (_settings.TopUpLimitPerEsim is { } limit && sim.TopUps >= limit)
                throw PressOneSimulatorException.Validation("package_id", "validation.order_exceed_limit");
            var cost = Charge(package);
            if (_balance < cost) throw InsufficientCredit(cost);

            _balance -= cost;
            sim.TopUps++;
            var bucket = new SimBucket { Id = ++_bucketSeq, Package = package, RemainingMb = package.AmountMb };
            if (sim.ActivatedAt is not null) Start(bucket);
            sim.Buckets.Add(bucket);
            if (_settings.TopUpRefreshesUsage) sim.CachedUsage = null;
            var order = NewOrder(PressOnePackageTypes.TopUp, package, sim.Operator, 1, description ?? $"Topup ({sim.Iccid})", cost, sim.Iccid);
            return Envelope(OrderJson(order, includeSims: false, includeStatus: false));
        }
    }

    /// <summary><c>GET customer/v2/sims/{iccid}/topups</c>: 404 unknown, 422 code 73 recycled, [] when none (seed 004).</summary>
    public JsonObject TopUpPackages(string iccid)
    {
        lock (_gate)
        {
            var sim = Find(iccid);
            if (sim.Recycled) throw Recycled(sim);
            return new JsonObject
            {
                ["pricing"] = PricingJson(),
                ["data"] = new JsonArray(TopUpsFor(sim).Select(p => (JsonNode)PackageJson(p)).ToArray()),
            };
        }
    }

    public JsonObject GetSim(string iccid, string? include)
    {
        lock (_gate)
            return Envelope(SimJson(Find(iccid), Includes(include).Contains("order")));
    }

    /// <summary><c>GET customer/v2/sims/{iccid}/instructions</c> (docs/providers/pressone.md §3.3.7).</summary>
    public JsonObject Instructions(string iccid)
    {
        lock (_gate)
        {
            var sim = Find(iccid);
            var qr = QrCode(sim);
            var networkSetup = new JsonObject
            {
                ["steps"] = Steps("Go to Settings > Cellular > your new eSIM.", "Turn on Data Roaming.", "The APN is set automatically."),
                ["apn_type"] = "automatic",
                ["apn_value"] = null,
                ["is_roaming"] = true,
            };
            JsonObject Device(string os, string version, bool apple) => new()
            {
                ["model"] = null,
                ["version"] = version,
                ["installation_via_qr_code"] = new JsonObject
                {
                    ["steps"] = os == "ios"
                        ? Steps("Go to Settings > Cellular > Add eSIM.", "Tap Use QR Code and scan the code.", "Label the eSIM and choose it for data.")
                        : Steps("Go to Settings > Connections > SIM manager.", "Tap Add eSIM, then Scan QR code.", "Scan the code and confirm."),
                    ["qr_code_data"] = qr,
                    ["qr_code_url"] = QrCodeUrl(sim),
                    ["direct_apple_installation_url"] = apple ? AppleInstallLink + Uri.EscapeDataString(qr) : null,
                },
                ["installation_manual"] = new JsonObject
                {
                    ["steps"] = Steps("Choose to enter the details manually.", $"SM-DP+ address: {SmdpAddress}", $"Activation code: {sim.MatchingId}"),
                    ["smdp_address_and_activation_code"] = $"{SmdpAddress}${sim.MatchingId}",
                },
                ["network_setup"] = networkSetup.DeepClone(),
            };
            return Envelope(new JsonObject
            {
                ["instructions"] = new JsonObject
                {
                    ["language"] = "EN",
                    ["ios"] = new JsonArray(Device("ios", "17.4+", apple: true)),
                    ["android"] = new JsonArray(Device("android", "10+", apple: false)),
                },
            });
        }
    }

    /// <summary>
    /// <c>GET customer/v2/sims/{iccid}/usage</c>: aggregates over the eSIM's packages, rate limited per ICCID and served
    /// from a snapshot cached for <see cref="PressOneSimulatorOptions.UsageCacheDuration"/>
    /// (docs/providers/pressone.md §3.3.8, §3.5).
    /// </summary>
    public JsonObject Usage(string iccid)
    {
        lock (_gate)
        {
            var sim = Find(iccid);
            if (_settings.UsageRequestsPerMinute > 0) Throttle(sim.UsageCalls, _settings.UsageRequestsPerMinute);
            if (sim.CachedUsage is { } cached && Now < cached.At + _settings.UsageCacheDuration)
                return (JsonObject)cached.Body.DeepClone();
            var body = new JsonObject { ["data"] = UsageJson(sim), ["meta"] = PressOneSimulatorException.Meta("api.succes") };
            if (_settings.UsageCacheDuration > TimeSpan.Zero) sim.CachedUsage = ((JsonObject)body.DeepClone(), Now);
            return body;
        }
    }

    /// <summary>
    /// <c>GET customer/v2/sims/{iccid}/packages</c>: one bucket per package bought
    /// (docs/providers/pressone.md §3.3.13).
    /// </summary>
    public JsonObject PackageHistory(string iccid)
    {
        lock (_gate)
        {
            var sim = Find(iccid);
            var interval = _settings.PackageHistoryInterval;
            if (interval > TimeSpan.Zero && sim.LastHistoryCall is { } last && Now < last + interval)
                throw PressOneSimulatorException.TooManyAttempts((int)Math.Ceiling((last + interval - Now).TotalSeconds), 1);
            sim.LastHistoryCall = Now;
            Refresh(sim);
            return new JsonObject
            {
                ["pricing"] = PricingJson(),
                ["data"] = new JsonArray(sim.Buckets.OrderByDescending(b => b.Id).Select(b => (JsonNode)new JsonObject
                {
                    ["id"] = b.Id,
                    ["status"] = b.Status,
                    ["remaining"] = b.Package.IsUnlimited ? 0 : b.RemainingMb,
                    ["activated_at"] = IsoOffset(b.ActivatedAt),
                    ["expired_at"] = IsoOffset(b.ExpiredAt),
                    ["finished_at"] = IsoOffset(b.FinishedAt),
                    ["package"] = PackageJson(b.Package),
                }).ToArray()),
            };
        }
    }

    /// <summary>
    /// <c>GET customer/v2/orders</c>: include, filter[…], limit, page (docs/providers/pressone.md §3.3.11).
    /// </summary>
    public JsonObject ListOrders(IQueryCollection query, string pageUrl)
    {
        var includes = Includes(query["include"].FirstOrDefault());
        var description = query["filter[description]"].FirstOrDefault();
        var iccid = query["filter[iccid]"].FirstOrDefault();
        var code = query["filter[code]"].FirstOrDefault();
        var status = query["filter[order_status]"].FirstOrDefault();
        var created = DateRange(query["filter[created_at]"].FirstOrDefault(), "filter.created_at");
        lock (_gate)
        {
            var matching = _orders
                .Where(o => string.IsNullOrEmpty(description) || o.Description.Contains(description, StringComparison.OrdinalIgnoreCase))
                .Where(o => string.IsNullOrEmpty(iccid) || o.TopUpIccid == iccid || o.Iccids.Contains(iccid))
                .Where(o => string.IsNullOrEmpty(code) || o.Code == code)
                .Where(o => string.IsNullOrEmpty(status) || status == "completed")
                .Where(o => created is not { } range || InRange(o.CreatedAt, range))
                .OrderByDescending(o => o.Id)
                .ToList();
            var page = Paginate(matching, query, pageUrl);
            return new JsonObject
            {
                ["data"] = new JsonArray(page.Items.Select(o => (JsonNode)OrderJson(o, includes.Contains("sims"), includes.Contains("status"))).ToArray()),
                ["links"] = page.Links,
                ["meta"] = page.Meta,
            };
        }
    }

    public JsonObject GetOrder(long id, string? include)
    {
        var includes = Includes(include);
        lock (_gate)
        {
            var order = _orders.FirstOrDefault(o => o.Id == id) ?? throw PressOneSimulatorException.NotFound();
            return Envelope(OrderJson(order, includes.Contains("sims"), includes.Contains("status")));
        }
    }

    /// <summary>
    /// <c>GET customer/v2/sims</c>: filter[iccid] matches a part, filter[created_at] a date range
    /// (docs/providers/pressone.md §3.3.12).
    /// </summary>
    public JsonObject ListSims(IQueryCollection query, string pageUrl)
    {
        var includeOrder = Includes(query["include"].FirstOrDefault()).Contains("order");
        var iccid = query["filter[iccid]"].FirstOrDefault();
        var created = DateRange(query["filter[created_at]"].FirstOrDefault(), "filter.created_at");
        lock (_gate)
        {
            var matching = _sims.Values
                .Where(s => string.IsNullOrEmpty(iccid) || s.Iccid.Contains(iccid, StringComparison.Ordinal))
                .Where(s => created is not { } range || InRange(s.CreatedAt, range))
                .OrderByDescending(s => s.Id)
                .ToList();
            var page = Paginate(matching, query, pageUrl);
            return new JsonObject
            {
                ["data"] = new JsonArray(page.Items.Select(s => (JsonNode)SimJson(s, includeOrder)).ToArray()),
                ["links"] = page.Links,
                ["meta"] = page.Meta,
            };
        }
    }

    private SimCard Find(string iccid)
    {
        if (!_sims.TryGetValue(iccid, out var sim)) throw PressOneSimulatorException.NotFound();
        Refresh(sim);
        return sim;
    }

    /// <summary>Top-ups of the eSIM's operator; PressOne offers them only once the eSIM has been activated.</summary>
    private IReadOnlyList<FixturePackage> TopUpsFor(SimCard sim) =>
        _settings.TopUpRequiresActivation && sim.ActivatedAt is null ? [] : sim.Operator.TopUps;

    /// <summary>
    /// What the reseller pays: net_price, or price less the discount under discount pricing
    /// (docs/providers/pressone.md §3.3.4).
    /// </summary>
    private decimal Charge(FixturePackage package) => _settings.PricingModel == PressOnePricingModels.Discount
        ? decimal.Round(package.Price * (100m - _settings.DiscountPercentage) / 100m, 2, MidpointRounding.AwayFromZero)
        : package.NetPrice;

    private PressOneSimulatorException InsufficientCredit(decimal cost) => PressOneSimulatorException.Business(11,
        $"{_settings.InsufficientCreditReason}: the order costs {cost.ToString("0.00", CultureInfo.InvariantCulture)} {_settings.Currency} " +
        $"and the available balance is {_balance.ToString("0.00", CultureInfo.InvariantCulture)} {_settings.Currency}.");

    private static PressOneSimulatorException Recycled(SimCard sim) => PressOneSimulatorException.Business(73,
        $"The eSIM with iccid {sim.Iccid} has been recycled. It can no longer be used or topped up.");

    private SimOrder NewOrder(string type, FixturePackage package, FixtureOperator op, int quantity, string description, decimal charged, string? topUpIccid)
    {
        var id = ++_orderSeq;
        var now = Now;
        var order = new SimOrder
        {
            Id = id,
            Code = $"{now.UtcDateTime:yyyyMMdd}-{id:000000}",
            Type = type,
            PackageId = package.Id,
            PackageTitle = $"{op.Title}-{package.Title}",
            Quantity = quantity,
            Description = description,
            Price = package.Price,
            NetPrice = _settings.PricingModel == PressOnePricingModels.Net ? package.NetPrice : null,
            Charged = charged,
            PricingModel = _settings.PricingModel,
            Validity = package.Day,
            Data = package.Data,
            Voice = package.Voice,
            Text = package.Text,
            CreatedAt = now,
            TopUpIccid = topUpIccid,
        };
        _orders.Add(order);
        return order;
    }

    private SimCard NewSim(SimOrder order, FixturePackage package, FixtureOperator op)
    {
        string iccid;
        do iccid = NewIccid(); while (_sims.ContainsKey(iccid));
        var sim = new SimCard
        {
            Id = ++_simSeq,
            Iccid = iccid,
            MatchingId = $"{RandomHex(2)}-{RandomHex(2)}-{RandomHex(2)}-{RandomHex(2)}".ToUpperInvariant(),
            OrderId = order.Id,
            BasePackageId = package.Id,
            Operator = op,
            CreatedAt = Now,
        };
        sim.Buckets.Add(new SimBucket { Id = ++_bucketSeq, Package = package, RemainingMb = package.AmountMb });
        _sims.Add(iccid, sim);
        return sim;
    }

    /// <summary>19 digits starting 89 with a Luhn check digit (docs/providers/cross-provider.md §4).</summary>
    private string NewIccid()
    {
        var body = "8923401" + string.Concat(Enumerable.Range(0, 11).Select(_ => _random.Next(10).ToString(CultureInfo.InvariantCulture)));
        return body + LuhnCheckDigit(body);
    }

    internal static int LuhnCheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    /// <summary>First use starts every package bought so far: validity runs from activation (first-usage policy).</summary>
    private void Activate(SimCard sim)
    {
        if (sim.ActivatedAt is not null) return;
        sim.ActivatedAt = Now;
        foreach (var bucket in sim.Buckets.Where(b => b.Status == PressOneUsageStatus.NotActive)) Start(bucket);
    }

    private void Start(SimBucket bucket)
    {
        bucket.Status = PressOneUsageStatus.Active;
        bucket.ActivatedAt = Now;
        bucket.ExpiredAt = Now + TimeSpan.FromDays(bucket.Package.Day);
    }

    private void Refresh(SimCard sim)
    {
        foreach (var bucket in sim.Buckets)
            if (bucket.Status == PressOneUsageStatus.Active && bucket.ExpiredAt <= Now) bucket.Status = PressOneUsageStatus.Expired;
    }

    private string UsageStatus(SimCard sim)
    {
        if (sim.Recycled) return PressOneUsageStatus.Recycled;
        Refresh(sim);
        if (sim.Buckets.Any(b => b.Status == PressOneUsageStatus.Active)) return PressOneUsageStatus.Active;
        if (sim.Buckets.Any(b => b.Status == PressOneUsageStatus.NotActive)) return PressOneUsageStatus.NotActive;
        if (sim.Buckets.Any(b => b.Status == PressOneUsageStatus.Finished && b.ExpiredAt > Now)) return PressOneUsageStatus.Finished;
        return PressOneUsageStatus.Expired;
    }

    private JsonObject UsageJson(SimCard sim)
    {
        var status = UsageStatus(sim);
        if (status == PressOneUsageStatus.Recycled)
            return new JsonObject
            {
                ["remaining"] = 0, ["total"] = 0, ["expired_at"] = null, ["is_unlimited"] = null, ["status"] = status,
                ["remaining_voice"] = 0, ["remaining_text"] = 0, ["total_voice"] = 0, ["total_text"] = 0,
            };
        var live = sim.Buckets.Where(b => b.Status == PressOneUsageStatus.NotActive || (b.Status != PressOneUsageStatus.Expired && b.ExpiredAt > Now)).ToList();
        var unlimited = live.Any(b => b.Package.IsUnlimited);
        var expiry = live.Count > 0 ? live.Max(b => b.ExpiredAt) : sim.Buckets.Max(b => b.ExpiredAt);
        return new JsonObject
        {
            ["remaining"] = unlimited ? 0 : live.Sum(b => b.RemainingMb),
            ["total"] = unlimited ? 0 : live.Sum(b => (long)b.Package.AmountMb),
            ["expired_at"] = Plain(expiry),
            ["is_unlimited"] = unlimited,
            ["status"] = status,
            ["remaining_voice"] = live.Sum(b => b.Package.Voice ?? 0),
            ["remaining_text"] = live.Sum(b => b.Package.Text ?? 0),
            ["total_voice"] = live.Sum(b => b.Package.Voice ?? 0),
            ["total_text"] = live.Sum(b => b.Package.Text ?? 0),
        };
    }

    private JsonObject OrderJson(SimOrder order, bool includeSims, bool includeStatus)
    {
        var json = new JsonObject
        {
            ["id"] = order.Id,
            ["code"] = order.Code,
            ["currency"] = _settings.Currency,
            ["package_id"] = order.PackageId,
            // The submit-order example sends quantity as a string, the top-up example as a number
            // (docs/providers/pressone.md §3.3.5).
            ["quantity"] = order.Type == PressOnePackageTypes.Sim ? order.Quantity.ToString(CultureInfo.InvariantCulture) : order.Quantity,
            ["type"] = order.Type,
            ["description"] = order.Description,
            ["esim_type"] = "Prepaid",
            ["validity"] = order.Validity,
            ["package"] = order.PackageTitle,
            ["data"] = order.Data,
            ["price"] = order.Price,
            ["net_price"] = order.NetPrice,
            ["pricing_model"] = order.PricingModel,
            ["created_at"] = Plain(order.CreatedAt),
            ["manual_installation"] = "<p><b>eSIM name:</b> PressOne</p><p><b>Data Roaming:</b> On</p>",
            ["qrcode_installation"] = "<p>Scan the QR code in Settings &gt; Cellular &gt; Add eSIM.</p>",
            ["installation_guides"] = new JsonObject { ["en"] = SiteBase + "/help/installing-an-esim" },
            ["brand_settings_name"] = null,
            ["text"] = order.Text,
            ["voice"] = order.Voice,
        };
        if (includeSims && order.Type == PressOnePackageTypes.Sim)
            json["sims"] = new JsonArray(order.Iccids.Select(i => (JsonNode)SimJson(_sims[i], includeOrder: false)).ToArray());
        if (includeStatus) json["status"] = new JsonObject { ["name"] = "Completed", ["slug"] = "completed" };
        return json;
    }

    private JsonObject SimJson(SimCard sim, bool includeOrder)
    {
        var qr = QrCode(sim);
        var json = new JsonObject
        {
            ["id"] = sim.Id,
            ["created_at"] = Plain(sim.CreatedAt),
            ["iccid"] = sim.Iccid,
            ["lpa"] = SmdpAddress,
            ["imsis"] = null,
            ["matching_id"] = sim.MatchingId,
            ["qrcode"] = qr,
            ["qrcode_url"] = QrCodeUrl(sim),
            ["direct_apple_installation_url"] = AppleInstallLink + Uri.EscapeDataString(qr),
            ["voucher_code"] = null,
            ["airalo_code"] = null,
            ["apn_type"] = "automatic",
            ["apn_value"] = null,
            ["is_roaming"] = true,
            ["confirmation_code"] = null,
            ["apn"] = new JsonObject
            {
                ["ios"] = new JsonObject { ["apn_type"] = "automatic", ["apn_value"] = null },
                ["android"] = new JsonObject { ["apn_type"] = "automatic", ["apn_value"] = null },
            },
            ["msisdn"] = null,
            ["brand_settings_name"] = null,
            ["recycled"] = sim.Recycled,
            ["recycled_at"] = Plain(sim.RecycledAt),
        };
        if (includeOrder && _orders.FirstOrDefault(o => o.Id == sim.OrderId) is { } order)
        {
            var simable = OrderJson(order, includeSims: false, includeStatus: true);
            // Get eSIM sends validity and price of the order as strings (docs/providers/pressone.md §3.3.6).
            simable["validity"] = order.Validity.ToString(CultureInfo.InvariantCulture);
            simable["price"] = order.Price.ToString("0.00", CultureInfo.InvariantCulture);
            json["simable"] = simable;
        }
        return json;
    }

    private JsonObject EntryJson(FixtureEntry entry, bool includeTopUps)
    {
        var op = entry.Operator;
        var packages = includeTopUps ? op.Packages.Concat(op.TopUps) : op.Packages;
        return new JsonObject
        {
            ["slug"] = entry.Slug,
            ["country_code"] = entry.CountryCode,
            ["title"] = entry.Title,
            ["image"] = new JsonObject { ["width"] = 132, ["height"] = 99, ["url"] = $"{SiteBase}/images/{entry.Slug}.png" },
            ["min_price"] = new JsonObject
            {
                ["net_price"] = new JsonObject { ["USD"] = op.Packages.Min(p => p.NetPrice) },
                ["recommended_retail_price"] = new JsonObject { ["USD"] = op.Packages.Min(p => p.Price) },
            },
            ["operators"] = new JsonArray(new JsonObject
            {
                ["id"] = op.Id,
                ["type"] = op.Type,
                ["title"] = op.Title,
                ["plan_type"] = op.Packages.Any(p => p.Voice is not null) ? "data-voice-text" : "data",
                ["activation_policy"] = "first-usage",
                ["is_roaming"] = true,
                ["rechargeability"] = op.Rechargeable,
                ["info"] = new JsonArray("LTE Data eSIM.", op.Rechargeable ? "Rechargeable online." : "Not rechargeable."),
                ["other_info"] = null,
                ["image"] = new JsonObject { ["url"] = $"{SiteBase}/images/operators/{op.Slug}.png" },
                ["countries"] = new JsonArray(op.Countries.Select(c => (JsonNode)new JsonObject
                {
                    ["country_code"] = c.Iso2,
                    ["title"] = c.Title,
                }).ToArray()),
                ["is_fair_usage_policy"] = false,
                ["fair_usage_policy"] = null,
                ["esim_type"] = "Prepaid",
                ["apn_type"] = "automatic",
                ["apn_value"] = null,
                ["packages"] = new JsonArray(packages.Select(p => (JsonNode)PackageJson(p)).ToArray()),
            }),
        };
    }

    private JsonObject PackageJson(FixturePackage package)
    {
        var discount = _settings.PricingModel == PressOnePricingModels.Discount;
        var prices = new JsonObject
        {
            ["recommended_retail_price"] = new JsonObject { ["USD"] = package.Price, ["EUR"] = FixturePackage.Eur(package.Price) },
        };
        if (!discount) prices["net_price"] = new JsonObject { ["USD"] = package.NetPrice, ["EUR"] = FixturePackage.Eur(package.NetPrice) };
        return new JsonObject
        {
            ["id"] = package.Id,
            ["type"] = package.Type,
            ["price"] = package.Price,
            ["net_price"] = discount ? null : package.NetPrice,
            ["amount"] = package.AmountMb,
            ["day"] = package.Day,
            ["is_unlimited"] = package.IsUnlimited,
            ["title"] = package.Title,
            ["data"] = package.Data,
            ["short_info"] = "This eSIM doesn't come with a phone number.",
            ["voice"] = package.Voice,
            ["text"] = package.Text,
            ["prices"] = prices,
        };
    }

    private JsonObject PricingJson() => new()
    {
        ["model"] = _settings.PricingModel,
        ["discount_percentage"] = _settings.PricingModel == PressOnePricingModels.Discount ? _settings.DiscountPercentage : 0m,
    };

    private static string QrCode(SimCard sim) => $"LPA:1${SmdpAddress}${sim.MatchingId}";

    private static string QrCodeUrl(SimCard sim) => $"{SiteBase}/qr/{sim.Id}.png";

    private static JsonObject Steps(params string[] steps) =>
        new(steps.Select((s, i) => KeyValuePair.Create((i + 1).ToString(CultureInfo.InvariantCulture), (JsonNode?)s)));

    private sealed record Page<T>(IReadOnlyList<T> Items, int Number, int From, JsonObject Meta, JsonObject Links);

    /// <summary>
    /// Laravel pagination: <c>links</c> and <c>meta</c> with <c>per_page</c> as a string
    /// (docs/providers/pressone.md §3.2).
    /// </summary>
    private Page<T> Paginate<T>(IReadOnlyList<T> all, IQueryCollection query, string pageUrl)
    {
        var limit = QueryInt(query, "limit", _settings.DefaultPageSize);
        var page = QueryInt(query, "page", 1);
        var lastPage = Math.Max(1, (int)Math.Ceiling(all.Count / (double)limit));
        var items = all.Skip((page - 1) * limit).Take(limit).ToList();
        var from = items.Count == 0 ? 0 : (page - 1) * limit + 1;
        string Url(int n) => $"{pageUrl}?page={n}";
        var meta = PressOneSimulatorException.Meta("success");
        meta["current_page"] = page;
        meta["from"] = items.Count == 0 ? null : from;
        meta["last_page"] = lastPage;
        meta["path"] = pageUrl;
        meta["per_page"] = limit.ToString(CultureInfo.InvariantCulture);
        meta["to"] = items.Count == 0 ? null : from + items.Count - 1;
        meta["total"] = all.Count;
        var links = new JsonObject
        {
            ["first"] = Url(1),
            ["last"] = Url(lastPage),
            ["prev"] = page > 1 ? Url(page - 1) : null,
            ["next"] = page < lastPage ? Url(page + 1) : null,
        };
        return new Page<T>(items, page, from, meta, links);
    }

    private static int QueryInt(IQueryCollection query, string name, int fallback)
    {
        var text = query[name].FirstOrDefault();
        if (string.IsNullOrEmpty(text)) return fallback;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw PressOneSimulatorException.Validation(name, $"The {name} must be an integer of at least 1.");
    }

    /// <summary><c>Y-m-d - Y-m-d</c>, inclusive.</summary>
    private static (DateOnly From, DateOnly To)? DateRange(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Split(" - ", StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            return (from, to);
        throw PressOneSimulatorException.Validation(field, $"The {field} must be a date range like 2025-01-01 - 2025-01-31.");
    }

    private static bool InRange(DateTimeOffset at, (DateOnly From, DateOnly To) range) =>
        DateOnly.FromDateTime(at.UtcDateTime) is var day && day >= range.From && day <= range.To;

    private static HashSet<string> Includes(string? include) =>
        (include ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private void Throttle(Queue<DateTimeOffset> calls, int perMinute)
    {
        var now = Now;
        while (calls.Count > 0 && calls.Peek() <= now - RateWindow) calls.Dequeue();
        if (calls.Count >= perMinute)
            throw PressOneSimulatorException.TooManyAttempts((int)Math.Ceiling((calls.Peek() + RateWindow - now).TotalSeconds), perMinute);
        calls.Enqueue(now);
    }

    private static string? Field(IReadOnlyDictionary<string, string> form, string name) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static JsonObject Envelope(JsonNode data) => new() { ["data"] = data, ["meta"] = PressOneSimulatorException.Meta("success") };

    internal static string? Plain(DateTimeOffset? at) => at?.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static string? IsoOffset(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    private string RandomHex(int bytes)
    {
        var buffer = new byte[bytes];
        _random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));
}
