using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using QRCoder;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.CloudeSim;
using Storefront.Domain;

namespace Storefront.Sandbox.CloudeSim;

/// <summary>
/// The CloudeSIM fake's whole state and rules (docs/providers/cloudesim.md §5.2), in memory, behind one lock. Endpoints
/// translate HTTP to these methods; <see cref="CloudeSimSimulatorException"/> becomes
/// <c>{"success":false,"errorMsg":…}</c>.
/// </summary>
public sealed partial class CloudeSimSimulatorState
{
    public const string SmdpHost = "sim-smdp.cloudesim.test";
    private const long BytesPerMb = 1024 * 1024;

    private readonly object _gate = new();
    private readonly CloudeSimSimulatorOptions _configured;
    private readonly Dictionary<string, SimEsim> _esims = [];
    private readonly Dictionary<string, SimOrder> _orders = [];
    private CloudeSimSimulatorOptions _settings;
    private Random _random;
    private long _sequence;
    private long _balanceCents;

    public CloudeSimSimulatorState(IOptions<CloudeSimSimulatorOptions> options, TimeProvider? time = null)
    {
        _configured = options.Value;
        Clock = new SimulatorClock(time ?? TimeProvider.System);
        Faults = new FaultInjector(_configured, _configured.Seed);
        Initialize();
    }

    public DateTimeOffset Now => Clock.GetUtcNow();

    internal SimulatorClock Clock { get; }

    internal FaultInjector Faults { get; }

    /// <summary>Bearer auth (seed); anything else is 401 "Unauthorized" (docs/providers/cloudesim.md §5.2).</summary>
    public void Admit(string? authorization)
    {
        var token = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;
        lock (_gate)
        {
            if (string.IsNullOrEmpty(token) || token != _settings.ApiToken)
                throw new CloudeSimSimulatorException(SimErrorKind.Unauthorized, "Unauthorized");
        }
    }

    public JsonObject Balance()
    {
        lock (_gate)
            return Success("data", new JsonObject
            {
                ["username"] = _settings.Username,
                ["balance"] = Cents.ToUsd(_balanceCents),
                ["currency"] = "USD",
            });
    }

    public JsonObject Packages(string? locationCode, string? type, string? packageCode, string? iccid)
    {
        if (type is not null && type != CloudeSimPackageTypes.Base && type != CloudeSimPackageTypes.TopUp)
            throw CloudeSimSimulatorException.Validation("type must be BASE or TOPUP");
        lock (_gate)
        {
            Tick();
            var basePackage = iccid is null ? null : BasePackageOf(Visible(iccid));
            var packages = CloudeSimPackageFixture.Packages
                .Where(p => locationCode is null || string.Equals(p.LocationCode, locationCode, StringComparison.OrdinalIgnoreCase))
                .Where(p => type is null || p.Type == type)
                .Where(p => packageCode is null || string.Equals(p.PackageCode, packageCode, StringComparison.OrdinalIgnoreCase))
                .Where(p => basePackage is null || p.Fits(basePackage))
                .Select(p => (JsonNode)PackageJson(p))
                .ToArray();
            return Success("obj", new JsonObject { ["packageList"] = new JsonArray(packages) });
        }
    }

    /// <summary>Buys eSIMs, or tops one up when <paramref name="iccid"/> is given ("for compatible package top-ups", seed).</summary>
    public JsonObject Order(string? packageCode, JsonElement? quantityElement, string? iccid, string qrBase)
    {
        if (string.IsNullOrWhiteSpace(packageCode)) throw CloudeSimSimulatorException.Validation("packageCode is required");
        var quantity = Quantity(quantityElement);
        lock (_gate)
        {
            Tick();
            if (iccid is not null)
            {
                var (orderNo, esim) = TopUpLocked(iccid, packageCode, quantity);
                return Success("obj", new JsonObject
                {
                    ["orderNo"] = orderNo,
                    ["esimList"] = new JsonArray(OrderedJson(esim)),
                });
            }

            var package = CloudeSimPackageFixture.Find(packageCode) ?? throw new CloudeSimSimulatorException(SimErrorKind.NotFound, "Package not found");
            if (package.Type != CloudeSimPackageTypes.Base)
                throw CloudeSimSimulatorException.Validation("TOPUP packages need the iccid of the eSIM to top up");
            var each = Cents.From(package.Price);
            Charge(each * quantity);

            var order = NewOrderNo();
            var now = Now;
            var readyAt = _settings.AsyncAllocation ? now + _settings.AllocationDelay : now;
            var esims = Enumerable.Range(0, quantity).Select(_ => NewEsim(package, order, each, readyAt, qrBase)).ToList();
            foreach (var esim in esims) _esims.Add(esim.Iccid, esim);
            _orders.Add(order, new SimOrder(order, CloudeSimPackageTypes.Base, package.PackageCode, quantity, each * quantity, now,
                esims.Select(e => e.Iccid).ToList()));

            var listed = _settings.AsyncAllocation ? [] : esims.Select(e => (JsonNode)OrderedJson(e)).ToArray();
            return Success("obj", new JsonObject { ["orderNo"] = order, ["esimList"] = new JsonArray(listed) });
        }
    }

    public JsonObject Query(string? iccid, string? orderNo)
    {
        if (string.IsNullOrWhiteSpace(iccid) && string.IsNullOrWhiteSpace(orderNo))
            throw CloudeSimSimulatorException.Validation("iccid or orderNo is required");
        lock (_gate)
        {
            Tick();
            IEnumerable<SimEsim> found;
            if (!string.IsNullOrWhiteSpace(iccid))
                found = [Visible(iccid)];
            else if (_orders.TryGetValue(orderNo!, out var order))
                found = order.Iccids.Select(i => _esims[i]).Where(e => e.ReadyAt <= Now);
            else
                throw CloudeSimSimulatorException.EsimNotFound();
            return Success("obj", new JsonObject { ["esimList"] = new JsonArray(found.Select(e => (JsonNode)QueryJson(e)).ToArray()) });
        }
    }

    public JsonObject TopUp(string? iccid, string? packageCode, JsonElement? quantityElement)
    {
        if (string.IsNullOrWhiteSpace(iccid)) throw CloudeSimSimulatorException.Validation("iccid is required");
        if (string.IsNullOrWhiteSpace(packageCode)) throw CloudeSimSimulatorException.Validation("packageCode is required");
        var quantity = Quantity(quantityElement);
        lock (_gate)
        {
            Tick();
            var (orderNo, _) = TopUpLocked(iccid, packageCode, quantity);
            return Success("obj", new JsonObject { ["orderNo"] = orderNo });
        }
    }

    /// <summary>
    /// Only a NEW eSIM that was never installed nor used can be cancelled (eSIM Access's GOT_RESOURCE + RELEASED rule,
    /// docs/providers/cloudesim.md §3.3); everything paid for it goes back to the balance (seed).
    /// <paramref name="esimTranNo"/> also takes the original order number, which the seed calls the same thing.
    /// </summary>
    public JsonObject Cancel(string? iccid, string? esimTranNo)
    {
        if (string.IsNullOrWhiteSpace(iccid) && string.IsNullOrWhiteSpace(esimTranNo))
            throw CloudeSimSimulatorException.Validation("iccid or esimTranNo is required");
        lock (_gate)
        {
            Tick();
            List<SimEsim> targets = !string.IsNullOrWhiteSpace(iccid) ? [Visible(iccid)]
                : _esims.Values.FirstOrDefault(e => e.EsimTranNo == esimTranNo && e.ReadyAt <= Now) is { } byTranNo ? [byTranNo]
                : _orders.TryGetValue(esimTranNo!, out var order) && order.Type == CloudeSimPackageTypes.Base
                    ? order.Iccids.Select(i => _esims[i]).Where(e => e.ReadyAt <= Now).ToList()
                : [];
            if (targets.Count == 0) throw CloudeSimSimulatorException.EsimNotFound();
            foreach (var esim in targets)
            {
                if (esim.Status != SimStatus.New)
                    throw new CloudeSimSimulatorException(SimErrorKind.NotAllowed, "eSIM cannot be cancelled in its current status");
                if (esim.Installed || esim.UsedBytes > 0)
                    throw new CloudeSimSimulatorException(SimErrorKind.NotAllowed, "eSIM cannot be cancelled (already installed or used)");
            }
            foreach (var esim in targets)
            {
                esim.Status = SimStatus.Cancelled;
                _balanceCents += esim.PaidCents;
                esim.PaidCents = 0;
            }
            return Success("obj", new JsonObject { ["orderNo"] = targets[0].OrderNo });
        }
    }

    /// <summary>A PNG QR code of the full LPA string, whatever form <c>ac</c> takes; null for an unknown ICCID.</summary>
    public byte[]? QrPng(string iccid)
    {
        string lpa;
        lock (_gate)
        {
            if (!_esims.TryGetValue(iccid, out var esim) || esim.ReadyAt > Now) return null;
            lpa = esim.Lpa;
        }
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(lpa, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }

    /// <summary>
    /// The HTTP status an API error is answered with under the current policy (docs/providers/cloudesim.md §3.1).
    /// </summary>
    public int ErrorStatus(CloudeSimSimulatorException e)
    {
        lock (_gate) return _settings.ErrorStatus == CloudeSimErrorStatusModes.Always200 ? 200 : e.Status;
    }

    internal static string Iso(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Expiry by the clock: a used eSIM at its expireTime, a never-used one after the unused validity window.</summary>
    private void Tick()
    {
        var now = Now;
        foreach (var esim in _esims.Values)
        {
            var live = esim.Status is SimStatus.Active or SimStatus.Depleted
                       || (esim.Status == SimStatus.Suspended && esim.SuspendedFrom is SimStatus.Active or SimStatus.Depleted);
            if (live && esim.ExpiresAt <= now)
                esim.Status = SimStatus.Expired;
            else if (esim.Status == SimStatus.New && esim.CreatedAt + _settings.UnusedValidity <= now)
                esim.Status = SimStatus.Expired;
        }
    }

    /// <summary>
    /// Top-up rules (docs/providers/cloudesim.md §5.2): a compatible TOPUP package, on a NEW, ACTIVE or DEPLETED eSIM.
    /// </summary>
    private (string OrderNo, SimEsim Esim) TopUpLocked(string iccid, string packageCode, int quantity)
    {
        var esim = Visible(iccid);
        var package = CloudeSimPackageFixture.Find(packageCode) ?? throw new CloudeSimSimulatorException(SimErrorKind.NotFound, "Package not found");
        if (!package.Fits(BasePackageOf(esim)))
            throw new CloudeSimSimulatorException(SimErrorKind.NotAllowed, "Package not compatible with this eSIM");
        if (esim.Status is not (SimStatus.New or SimStatus.Active or SimStatus.Depleted))
            throw new CloudeSimSimulatorException(SimErrorKind.NotAllowed, "Top up not allowed for current eSIM status");
        var cost = Cents.From(package.Price) * quantity;
        Charge(cost);

        esim.TotalBytes += package.VolumeMb * BytesPerMb * quantity;
        esim.DurationDays += package.DurationDays * quantity;
        if (esim.ExpiresAt is { } expires) esim.ExpiresAt = expires.AddDays(package.DurationDays * quantity);
        if (esim.Status == SimStatus.Depleted) esim.Status = SimStatus.Active;
        esim.PaidCents += cost;

        var orderNo = NewOrderNo();
        _orders.Add(orderNo, new SimOrder(orderNo, CloudeSimPackageTypes.TopUp, package.PackageCode, quantity, cost, Now, [esim.Iccid]));
        return (orderNo, esim);
    }

    private void Charge(long cents)
    {
        if (_balanceCents < cents)
            throw new CloudeSimSimulatorException(SimErrorKind.InsufficientBalance, string.Create(CultureInfo.InvariantCulture,
                $"Insufficient balance. Required: ${Cents.ToUsd(cents):0.00}, available: ${Cents.ToUsd(Math.Max(0, _balanceCents)):0.00}"));
        _balanceCents -= cents;
    }

    private static int Quantity(JsonElement? element) => element switch
    {
        null => 1,
        { ValueKind: JsonValueKind.Number } q when q.TryGetInt32(out var n) && n is >= 1 and <= CloudeSimClient.MaxQuantity => n,
        _ => throw CloudeSimSimulatorException.Validation($"quantity must be an integer between 1 and {CloudeSimClient.MaxQuantity}"),
    };

    private SimEsim Visible(string iccid) =>
        _esims.TryGetValue(iccid, out var esim) && esim.ReadyAt <= Now ? esim : throw CloudeSimSimulatorException.EsimNotFound();

    private static SimPackage BasePackageOf(SimEsim esim) => CloudeSimPackageFixture.Find(esim.PackageCode)!;

    [MemberNotNull(nameof(_settings), nameof(_random))]
    private void Initialize()
    {
        _settings = _configured.Clone();
        _random = _settings.Seed is { } seed ? new Random(seed) : new Random();
        _esims.Clear();
        _orders.Clear();
        _sequence = _random.Next(1000, 90000);
        _balanceCents = Cents.From(_settings.StartingBalanceUsd);
    }

    private SimEsim NewEsim(SimPackage package, string orderNo, long paidCents, DateTimeOffset readyAt, string qrBase)
    {
        string iccid;
        do iccid = NewIccid(); while (_esims.ContainsKey(iccid));
        var matchingId = new string(_random.GetItems("0123456789ABCDEF".AsSpan(), 32));
        var now = Now;
        return new SimEsim
        {
            Seq = ++_sequence,
            Iccid = iccid,
            EsimTranNo = now.ToString("yyMMdd", CultureInfo.InvariantCulture) + Digits(8),
            MatchingId = matchingId,
            Lpa = $"LPA:1${SmdpHost}${matchingId}",
            QrCodeUrl = qrBase + iccid + ".png",
            PackageCode = package.PackageCode,
            OrderNo = orderNo,
            CreatedAt = now,
            ReadyAt = readyAt,
            TotalBytes = package.VolumeMb * BytesPerMb,
            DurationDays = package.DurationDays,
            PaidCents = paidCents,
        };
    }

    /// <summary>ESA + date + sequence, after the docs' "ESA20240001".</summary>
    private string NewOrderNo() => "ESA" + Now.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (++_sequence).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>20 digits: 8985240 (an eSIM Access-like issuer prefix), 12 random digits and a Luhn check digit.</summary>
    private string NewIccid()
    {
        var digits = "8985240" + Digits(12);
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return digits + (10 - sum % 10) % 10;
    }

    private string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => _random.Next(10)));

    private string Ac(SimEsim e) => _settings.ShortActivationCodes ? e.MatchingId : e.Lpa;

    private JsonObject OrderedJson(SimEsim e) => new()
    {
        ["iccid"] = e.Iccid,
        ["ac"] = Ac(e),
        ["qrCodeUrl"] = e.QrCodeUrl,
        ["esimTranNo"] = e.EsimTranNo,
    };

    private JsonObject QueryJson(SimEsim e) => new()
    {
        ["iccid"] = e.Iccid,
        ["status"] = StatusName(e),
        ["remainingVolume"] = Volume(e.TotalBytes - e.UsedBytes),
        ["expireTime"] = e.ExpiresAt is { } at ? Iso(at) : null,
        ["ac"] = Ac(e),
        ["qrCodeUrl"] = e.QrCodeUrl,
        ["orderNo"] = e.OrderNo,
        ["packageCode"] = e.PackageCode,
        ["esimTranNo"] = e.EsimTranNo,
        ["totalVolume"] = Volume(e.TotalBytes),
        ["activateTime"] = e.ActivatedAt is { } activated ? Iso(activated) : null,
    };

    private static JsonObject PackageJson(SimPackage p) => new()
    {
        ["packageCode"] = p.PackageCode,
        ["name"] = p.Name,
        ["price"] = Cents.ToUsd(Cents.From(p.Price)),
        ["currencyCode"] = "USD",
        ["duration"] = p.DurationDays,
        ["volume"] = p.VolumeMb,
        ["locationCode"] = p.LocationCode,
        ["type"] = p.Type,
        ["location"] = string.Join(',', p.Countries),
        ["compatibleWith"] = p.CompatibleWith is { } c ? new JsonArray(c.Select(x => (JsonNode?)x).ToArray()) : null,
    };

    private long Volume(long bytes) => _settings.RemainingVolumeUnit == CloudeSimVolumeUnits.Bytes ? bytes : bytes / BytesPerMb;

    private string StatusName(SimEsim e) => _settings.StatusNaming == CloudeSimStatusNamings.EsimAccess
        ? e.Status switch
        {
            SimStatus.New => CloudeSimStatuses.GotResource,
            SimStatus.Active => CloudeSimStatuses.InUse,
            SimStatus.Depleted => CloudeSimStatuses.UsedUp,
            SimStatus.Expired => e.ActivatedAt is null ? CloudeSimStatuses.UnusedExpired : CloudeSimStatuses.UsedExpired,
            SimStatus.Cancelled => CloudeSimStatuses.Cancel,
            _ => CloudeSimStatuses.Suspended,
        }
        : e.Status switch
        {
            SimStatus.New => CloudeSimStatuses.New,
            SimStatus.Active => CloudeSimStatuses.Active,
            SimStatus.Depleted => CloudeSimStatuses.Depleted,
            SimStatus.Expired => CloudeSimStatuses.Expired,
            SimStatus.Cancelled => CloudeSimStatuses.Cancelled,
            _ => CloudeSimStatuses.Suspended,
        };

    private static JsonObject Success(string payload, JsonNode body) => new() { ["success"] = true, [payload] = body };
}
