using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using QRCoder;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Citrus;
using Storefront.Domain;

namespace Storefront.Sandbox.Citrus;

/// <summary>
/// The Citrus fake's whole state and rules (docs/providers/citrus.md §5.1), in memory, behind one lock. Endpoints
/// translate HTTP to these methods; <see cref="CitrusSimulatorException"/> becomes the Citrus error body.
/// </summary>
public sealed partial class CitrusSimulatorState
{
    public const string SmdpHost = "sim-smdp.citrus.test";
    private const string AppleInstallLink = "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=";
    /// <summary>esim.balance_low fires below $5, a fixed threshold (SEED; docs/providers/citrus.md §2.5).</summary>
    private const long LowWalletMicro = 5 * Micro.PerUsd;

    internal static readonly string[] Statuses =
        [CitrusEsimStatus.Pending, CitrusEsimStatus.Active, CitrusEsimStatus.Suspended, CitrusEsimStatus.Terminated];

    /// <summary>
    /// The seed names NO_LIMIT, SPEED_100_KBPS and SPEED_500_KBPS; the values between are assumed
    /// (docs/providers/citrus.md §2.4).
    /// </summary>
    internal static readonly string[] Speeds =
        ["NO_LIMIT", "SPEED_100_KBPS", "SPEED_250_KBPS", "SPEED_500_KBPS", "SPEED_1000_KBPS", "SPEED_2000_KBPS", "SPEED_5000_KBPS"];

    internal static readonly string[] SubscribableEvents =
    [
        CitrusEvents.EsimProvisioned, CitrusEvents.EsimActivated, CitrusEvents.EsimBalanceLow, CitrusEvents.EsimBalanceDepleted,
        CitrusEvents.EsimDefunded, CitrusEvents.EsimDataSuspended, CitrusEvents.EsimDataResumed, CitrusEvents.EsimTerminated,
        CitrusEvents.BalanceLow, CitrusEvents.BalanceDepleted, CitrusEvents.BalanceToppedUp,
        CitrusEvents.BalanceAutoRefillSucceeded, CitrusEvents.BalanceAutoRefillFailed, CitrusEvents.All,
    ];

    private readonly object _gate = new();
    private readonly CitrusSimulatorOptions _configured;
    private readonly SemaphoreSlim _work = new(0);
    private readonly Dictionary<string, SimEsim> _esims = [];
    private readonly List<SimWebhook> _webhooks = [];
    private readonly List<SimEvent> _events = [];
    private readonly List<SimDelivery> _deliveries = [];
    private readonly Queue<DateTimeOffset> _requests = new();
    private CitrusSimulatorOptions _settings;
    private Random _random;
    private long _sequence;
    private long _balanceMicro;
    private long _lifetimeTopupMicro;
    private long _lifetimeUsageMicro;

    public CitrusSimulatorState(IOptions<CitrusSimulatorOptions> options, TimeProvider? time = null)
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

    /// <summary>Auth and the 100/min rolling window (docs/providers/citrus.md §5.1 "Auth and limits").</summary>
    public void Admit(string? authorization)
    {
        var key = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;
        lock (_gate)
        {
            if (key is null || !key.StartsWith("rsk_", StringComparison.Ordinal) || key != _settings.ApiKey)
                throw new CitrusSimulatorException(401, CitrusErrorCodes.InvalidApiKey, "Missing or invalid API key.");
            var now = Now;
            while (_requests.Count > 0 && _requests.Peek() <= now - _settings.RateLimitWindow) _requests.Dequeue();
            if (_requests.Count >= _settings.RateLimitPerMinute)
            {
                var wait = _requests.Peek() + _settings.RateLimitWindow - now;
                throw new CitrusSimulatorException(429, CitrusErrorCodes.RateLimited,
                    $"Rate limit of {_settings.RateLimitPerMinute} requests per minute exceeded.")
                {
                    RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)),
                };
            }
            _requests.Enqueue(now);
        }
    }

    public JsonObject Provision(string? endUserReference, string? label, bool hasGroupId)
    {
        if (hasGroupId) throw CitrusSimulatorException.Validation("Groups are not supported by the simulator.");
        if (endUserReference?.Length > 100 || label?.Length > 100)
            throw CitrusSimulatorException.Validation("end_user_reference and label are at most 100 characters.");
        lock (_gate)
        {
            Tick();
            if (_settings.Inventory == 0)
                throw new CitrusSimulatorException(503, CitrusErrorCodes.NoEsimsAvailable, "No eSIMs are available right now; try again later.");
            var fee = Micro.From(_settings.ProvisionFeeUsd);
            if (_balanceMicro < fee)
                throw new CitrusSimulatorException(402, CitrusErrorCodes.InsufficientBalance,
                    $"Provisioning costs {_settings.ProvisionFeeUsd} USD; the account balance is {Micro.ToUsd(_balanceMicro)} USD.");

            var before = _balanceMicro;
            _balanceMicro -= fee;
            _lifetimeUsageMicro += fee;
            if (_settings.Inventory is { } left) _settings.Inventory = left - 1;

            var esim = NewEsim(endUserReference, label);
            _esims.Add(esim.Iccid, esim);
            Emit(CitrusEvents.EsimProvisioned, new JsonObject { ["iccid"] = esim.Iccid });
            AfterDebit(before, spend: true);

            var json = EsimJson(esim);
            json["cost"] = _settings.ProvisionFeeUsd;
            json["balance_remaining"] = Micro.ToUsd(_balanceMicro);
            return json;
        }
    }

    public JsonObject Fund(string iccid, JsonElement? amountElement)
    {
        lock (_gate)
        {
            Tick();
            var esim = Mutable(iccid);
            if (esim.Defund is not null)
                throw new CitrusSimulatorException(409, CitrusErrorCodes.DefundAlreadyPending, "A defund is settling; the eSIM cannot be funded until it completes.");
            var amount = ParseFundAmount(amountElement);
            var debit = Micro.From(amount);
            if (_balanceMicro < debit)
                throw new CitrusSimulatorException(402, CitrusErrorCodes.InsufficientBalance,
                    $"Funding {amount} USD needs more than the account balance of {Micro.ToUsd(_balanceMicro)} USD.");

            var before = _balanceMicro;
            _balanceMicro -= debit;
            _lifetimeUsageMicro += debit;

            var credit = _settings.RoundingModel == CitrusRoundingModels.FloorCents
                ? debit
                : (long)Math.Floor(amount * 100m / 0.9m) * 9_000; // retail cents R = floor(amount / 0.9), worth R × 0.9
            esim.WalletMicro += credit;
            // The funded amount shows at once (the seed reads the wallet right after funding); usage figures pause.
            esim.ReportedWalletMicro += credit;
            esim.DataCut = false;
            esim.DepletedNotified = false;
            if (esim.SuspendedByDepletion)
            {
                esim.Status = esim.SuspendedFrom ?? CitrusEsimStatus.Active;
                esim.SuspendedByDepletion = false;
            }
            if (esim.WalletMicro >= LowWalletMicro) esim.LowArmed = true;
            if (!_settings.Realtime) esim.ReportPausedUntil = Now + _settings.FundReportPause;
            AfterDebit(before, spend: false);

            var json = EsimJson(esim);
            json["funded_usd"] = amount;
            return json;
        }
    }

    public JsonObject Get(string iccid)
    {
        lock (_gate)
        {
            Tick();
            return EsimJson(Find(iccid));
        }
    }

    public JsonObject List(string? status, string? limitText, string? offsetText)
    {
        if (status is not null && !Statuses.Contains(status))
            throw CitrusSimulatorException.Validation($"status must be one of {string.Join(", ", Statuses)}.");
        var limit = ParseQueryInt(limitText, "limit", 50);
        var offset = ParseQueryInt(offsetText, "offset", 0);
        if (limit is < 1 or > 200) throw CitrusSimulatorException.Validation("limit must be between 1 and 200.");
        if (offset < 0) throw CitrusSimulatorException.Validation("offset must not be negative.");
        lock (_gate)
        {
            Tick();
            var matching = _esims.Values
                .Where(e => status is null || e.Status == status)
                .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Seq)
                .ToList();
            return new JsonObject
            {
                ["esims"] = new JsonArray(matching.Skip(offset).Take(limit).Select(e => (JsonNode)EsimJson(e)).ToArray()),
                ["total"] = matching.Count,
            };
        }
    }

    public JsonObject Throttle(string iccid, JsonElement? speedElement)
    {
        lock (_gate)
        {
            Tick();
            var esim = Mutable(iccid);
            var speed = speedElement is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
            if (speed is null || !Speeds.Contains(speed))
                throw CitrusSimulatorException.Validation($"speed must be one of {string.Join(", ", Speeds)}.");
            esim.Speed = speed;
            return EsimJson(esim);
        }
    }

    /// <summary>Pauses data; idempotent (a second call changes nothing and emits nothing).</summary>
    public JsonObject Disable(string iccid)
    {
        lock (_gate)
        {
            Tick();
            var esim = Mutable(iccid);
            if (esim.Status != CitrusEsimStatus.Suspended)
            {
                esim.SuspendedFrom = esim.Status;
                esim.Status = CitrusEsimStatus.Suspended;
                Emit(CitrusEvents.EsimDataSuspended, new JsonObject { ["iccid"] = esim.Iccid });
            }
            return EsimJson(esim);
        }
    }

    /// <summary>Resumes data; idempotent; refused while a defund settles (docs/providers/citrus.md §2.4).</summary>
    public JsonObject Enable(string iccid)
    {
        lock (_gate)
        {
            Tick();
            var esim = Mutable(iccid);
            if (esim.Defund is not null)
                throw new CitrusSimulatorException(409, CitrusErrorCodes.DefundAlreadyPending, "A defund is settling; the eSIM cannot be enabled until it completes.");
            if (esim.Status == CitrusEsimStatus.Suspended)
            {
                esim.Status = esim.SuspendedFrom ?? CitrusEsimStatus.Active;
                esim.SuspendedByDepletion = false;
                Emit(CitrusEvents.EsimDataResumed, new JsonObject { ["iccid"] = esim.Iccid });
            }
            return EsimJson(esim);
        }
    }

    public JsonObject Terminate(string iccid)
    {
        lock (_gate)
        {
            Tick();
            var esim = Mutable(iccid);
            esim.Status = CitrusEsimStatus.Terminated;
            esim.Defund = null;
            esim.WalletMicro = 0;
            esim.ReportedWalletMicro = 0;
            esim.DataCut = true;
            Emit(CitrusEvents.EsimTerminated, new JsonObject { ["iccid"] = esim.Iccid });
            return EsimJson(esim);
        }
    }

    /// <summary>Starts returning the displayed wallet to the account; settles after <see cref="CitrusSimulatorOptions.DefundSettleTime"/>.</summary>
    public JsonObject Defund(string iccid)
    {
        lock (_gate)
        {
            Tick();
            var esim = Mutable(iccid);
            if (esim.Defund is not null)
                throw new CitrusSimulatorException(409, CitrusErrorCodes.DefundAlreadyPending, "A defund is already settling for this eSIM.");
            var estimate = Micro.FloorCents(esim.ReportedWalletMicro);
            if (estimate == 0)
                throw new CitrusSimulatorException(400, CitrusErrorCodes.NoBalanceToReturn, "The eSIM wallet is empty.");
            esim.Defund = new SimDefund(Now + _settings.DefundSettleTime, estimate);
            return new JsonObject
            {
                ["estimated_return_usd"] = Micro.ToUsd(estimate),
                ["settles_in_minutes"] = (int)Math.Ceiling(_settings.DefundSettleTime.TotalMinutes),
            };
        }
    }

    public JsonObject Rates(string? country, string? continent)
    {
        var countries = CitrusRatesFixture.Countries
            .Where(c => country is null || CitrusRatesFixture.Matches(c, country))
            .Where(c => continent is null || string.Equals(c.Continent, continent, StringComparison.OrdinalIgnoreCase))
            .Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["flag"] = c.Flag,
                ["iso2"] = c.Iso2,
                ["iso3"] = c.Iso3,
                ["continent"] = c.Continent,
                ["has_data"] = c.HasData,
                ["cheapest_per_gb_usd"] = c.Cheapest?.PerGbUsd,
                ["cheapest_operator"] = c.Cheapest?.Operator,
                ["networks"] = new JsonArray(c.Networks.Select(n => (JsonNode)new JsonObject
                {
                    ["operator"] = n.Operator,
                    ["per_gb_usd"] = n.PerGbUsd,
                    ["per_mb_usd"] = decimal.Round(n.PerGbUsd / 1000m, 5),
                }).ToArray()),
            })
            .ToArray();
        return new JsonObject
        {
            ["countries"] = new JsonArray(countries),
            ["total_countries"] = countries.Length,
            ["discount"] = CitrusRatesFixture.Discount,
        };
    }

    public JsonObject WalletBalance()
    {
        lock (_gate)
        {
            Tick();
            return new JsonObject
            {
                ["balance_usd"] = Micro.ToUsd(_balanceMicro),
                ["currency"] = "USD",
                ["lifetime_topup_usd"] = Micro.ToUsd(_lifetimeTopupMicro),
                ["lifetime_usage_usd"] = Micro.ToUsd(_lifetimeUsageMicro),
            };
        }
    }

    public JsonObject Account()
    {
        lock (_gate)
        {
            Tick();
            return new JsonObject
            {
                ["company_name"] = _settings.CompanyName,
                ["balance_usd"] = Micro.ToUsd(_balanceMicro),
                ["account_status"] = "active",
            };
        }
    }

    /// <summary>Runs what is due at the current virtual time: defund settlements and usage reports.</summary>
    internal void Tick()
    {
        lock (_gate)
        {
            var now = Now;
            foreach (var esim in _esims.Values)
            {
                if (esim.Defund is { } defund && now >= defund.SettlesAt) Settle(esim);
                if (esim.Status != CitrusEsimStatus.Terminated) Report(esim, force: _settings.Realtime);
            }
        }
    }

    internal static string Iso(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Publishes the wallet as the API shows it. Without <see cref="CitrusSimulatorOptions.Realtime"/> this happens every
    /// report interval and not while paused after a fund; usage balance events fire only here
    /// (docs/providers/citrus.md §2.6, §5.1).
    /// </summary>
    private void Report(SimEsim esim, bool force)
    {
        var now = Now;
        if (!force && (now < esim.ReportPausedUntil || now < esim.LastReportAt + _settings.ReportInterval)) return;
        esim.ReportedWalletMicro = esim.WalletMicro;
        esim.ReportedChargedMicro = esim.ChargedMicro;
        esim.LastReportAt = now;

        if (esim.LowArmed && esim.ReportedWalletMicro < LowWalletMicro)
        {
            esim.LowArmed = false;
            Emit(CitrusEvents.EsimBalanceLow, new JsonObject
            {
                ["iccid"] = esim.Iccid,
                ["wallet_balance_usd"] = Micro.FloorCentsUsd(esim.ReportedWalletMicro),
            });
        }
        if (esim.DataCut && !esim.DepletedNotified && esim.ReportedWalletMicro == 0)
        {
            esim.DepletedNotified = true;
            if (_settings.DepletionStatus == CitrusEsimStatus.Suspended && esim.Status == CitrusEsimStatus.Active)
            {
                esim.SuspendedFrom = esim.Status;
                esim.Status = CitrusEsimStatus.Suspended;
                esim.SuspendedByDepletion = true;
            }
            Emit(CitrusEvents.EsimBalanceDepleted, new JsonObject { ["iccid"] = esim.Iccid, ["wallet_balance_usd"] = 0m });
        }
    }

    /// <summary>
    /// The account gets the displayed wallet at settle time, which may be under the estimate
    /// (docs/providers/citrus.md §2.4).
    /// </summary>
    private void Settle(SimEsim esim)
    {
        var returned = Micro.FloorCents(esim.WalletMicro);
        _balanceMicro += returned;
        esim.Defund = null;
        esim.WalletMicro = 0;
        esim.ReportedWalletMicro = 0;
        esim.DataCut = true;
        esim.DepletedNotified = true;
        esim.LowArmed = false;
        if (_settings.DefundSettledStatus == CitrusEsimStatus.Suspended && esim.Status != CitrusEsimStatus.Suspended)
        {
            esim.SuspendedFrom = esim.Status;
            esim.Status = CitrusEsimStatus.Suspended;
        }
        Emit(CitrusEvents.EsimDefunded, new JsonObject { ["iccid"] = esim.Iccid, ["returned_usd"] = Micro.ToUsd(returned) });
    }

    private void Activate(SimEsim esim)
    {
        if (esim.ActivatedAt is not null) return;
        esim.EuiccState = "ENABLED";
        esim.ActivatedAt = Now;
        if (esim.Status == CitrusEsimStatus.Pending) esim.Status = CitrusEsimStatus.Active;
        else if (esim.SuspendedFrom == CitrusEsimStatus.Pending) esim.SuspendedFrom = CitrusEsimStatus.Active;
        Emit(CitrusEvents.EsimActivated, new JsonObject { ["iccid"] = esim.Iccid, ["activated_at"] = Iso(esim.ActivatedAt.Value) });
    }

    /// <summary>balance.low when the account crosses its threshold, balance.depleted at 0; auto-refill only after spend.</summary>
    private void AfterDebit(long before, bool spend)
    {
        var threshold = Micro.From(_settings.LowBalanceThresholdUsd);
        if (before >= threshold && _balanceMicro < threshold)
            Emit(CitrusEvents.BalanceLow, new JsonObject { ["balance_usd"] = Micro.ToUsd(_balanceMicro) });
        if (before > 0 && _balanceMicro == 0)
            Emit(CitrusEvents.BalanceDepleted, new JsonObject { ["balance_usd"] = 0m });

        // Funding is an internal transfer, not spend, so it never triggers auto-refill (docs/providers/citrus.md §2.4
        // fund).
        if (!spend || !_settings.AutoRefillEnabled || _balanceMicro >= Micro.From(_settings.AutoRefillThresholdUsd)) return;
        if (_settings.AutoRefillCardDeclines)
        {
            _settings.AutoRefillEnabled = false;
            Emit(CitrusEvents.BalanceAutoRefillFailed, new JsonObject
            {
                ["amount_usd"] = _settings.AutoRefillAmountUsd,
                ["current_balance_usd"] = Micro.ToUsd(_balanceMicro),
                ["failure_code"] = "card_declined",
                ["failure_message"] = "Your card was declined.",
            });
            return;
        }
        var amount = Micro.From(_settings.AutoRefillAmountUsd);
        _balanceMicro += amount;
        _lifetimeTopupMicro += amount;
        Emit(CitrusEvents.BalanceAutoRefillSucceeded, new JsonObject
        {
            ["amount_usd"] = _settings.AutoRefillAmountUsd,
            ["new_balance_usd"] = Micro.ToUsd(_balanceMicro),
        });
    }

    [MemberNotNull(nameof(_settings), nameof(_random))]
    private void Initialize()
    {
        _settings = _configured.Clone();
        _random = _settings.Seed is { } seed ? new Random(seed) : new Random();
        _esims.Clear();
        _webhooks.Clear();
        _events.Clear();
        _deliveries.Clear();
        _requests.Clear();
        _sequence = 0;
        _balanceMicro = Micro.From(_settings.StartingBalanceUsd);
        _lifetimeTopupMicro = _balanceMicro;
        _lifetimeUsageMicro = 0;
    }

    private SimEsim NewEsim(string? endUserReference, string? label)
    {
        string iccid;
        do iccid = NewIccid(); while (_esims.ContainsKey(iccid));
        var matchingId = new string(_random.GetItems("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".AsSpan(), 20));
        var lpa = $"LPA:1${SmdpHost}${matchingId}";
        var now = Now;
        return new SimEsim
        {
            Seq = ++_sequence,
            Id = "esim_" + Ulid(),
            Iccid = iccid,
            Lpa = lpa,
            QrCode = QrDataUrl(lpa),
            InstallUrl = AppleInstallLink + Uri.EscapeDataString(lpa),
            EndUserReference = endUserReference,
            Label = label,
            CreatedAt = now,
            LastReportAt = now,
        };
    }

    /// <summary>
    /// 19 digits: 891030 (as observed, docs/providers/citrus.md §2.3), 12 random digits and a Luhn check digit.
    /// </summary>
    private string NewIccid()
    {
        var digits = "891030" + string.Concat(Enumerable.Range(0, 12).Select(_ => _random.Next(10)));
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return digits + (10 - sum % 10) % 10;
    }

    private static string QrDataUrl(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }

    private string Ulid()
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<char> chars = stackalloc char[26];
        var ms = Now.ToUnixTimeMilliseconds();
        for (var i = 9; i >= 0; i--, ms >>= 5) chars[i] = alphabet[(int)(ms & 31)];
        for (var i = 10; i < 26; i++) chars[i] = alphabet[_random.Next(32)];
        return new string(chars);
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private JsonObject EsimJson(SimEsim e) => new()
    {
        ["id"] = e.Id,
        ["iccid"] = e.Iccid,
        ["lpa_string"] = e.Lpa,
        ["qr_code"] = e.QrCode,
        ["direct_install_url"] = e.InstallUrl,
        ["status"] = e.Status,
        ["euicc_state"] = e.EuiccState,
        ["wallet_balance_usd"] = Micro.FloorCentsUsd(e.ReportedWalletMicro),
        ["total_data_charged_usd"] = Micro.RoundCentsUsd(e.ReportedChargedMicro),
        ["activated_at"] = e.ActivatedAt is { } at ? Iso(at) : null,
        ["group_id"] = null,
        ["end_user_reference"] = e.EndUserReference,
        ["label"] = e.Label,
        ["created_at"] = Iso(e.CreatedAt),
        ["speed"] = e.Speed,
    };

    private SimEsim Find(string iccid) =>
        _esims.GetValueOrDefault(iccid)
        ?? throw new CitrusSimulatorException(404, CitrusErrorCodes.EsimNotFound, $"No eSIM with ICCID {iccid}.");

    private SimEsim Mutable(string iccid)
    {
        var esim = Find(iccid);
        if (esim.Status == CitrusEsimStatus.Terminated)
            throw new CitrusSimulatorException(400, CitrusErrorCodes.EsimAlreadyTerminated, "The eSIM is terminated.");
        return esim;
    }

    private SimWebhook FindWebhook(string id) =>
        _webhooks.FirstOrDefault(w => w.Id == id)
        ?? throw new CitrusSimulatorException(404, "WEBHOOK_NOT_FOUND", $"No webhook {id}.");

    /// <summary>A JSON number of whole cents between 0.01 and 10000 (docs/providers/citrus.md §2.4 fund).</summary>
    private static decimal ParseFundAmount(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Number } number || !number.TryGetDecimal(out var amount))
            throw CitrusSimulatorException.Validation("amount must be a number.");
        if (amount is < 0.01m or > 10000m)
            throw CitrusSimulatorException.Validation("amount must be between 0.01 and 10000.");
        if (decimal.Round(amount, 2) != amount)
            throw CitrusSimulatorException.Validation("amount must have at most 2 decimals.");
        return amount;
    }

    private static int ParseQueryInt(string? text, string name, int fallback) =>
        text is null ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw CitrusSimulatorException.Validation($"{name} must be an integer.");
}
