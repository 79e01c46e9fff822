namespace Storefront.Domain;

/// <summary>An eSIM on an order. The data packages (or wallet fundings) on it are <see cref="EsimPackage"/>s.</summary>
public sealed class Esim
{
    private readonly List<EsimPackage> _packages = [];

    private Esim() { }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public string Provider { get; private set; } = "";
    public ProvisionStep Step { get; private set; }
    public int CreateAttempts { get; private set; }
    public int AttachAttempts { get; private set; }
    public string? Iccid { get; private set; }
    public string? UpstreamId { get; private set; }
    public string? UpstreamOrderReference { get; private set; }
    /// <summary>The LPA activation code, encrypted with ASP.NET Core Data Protection. Never logged.</summary>
    public string? ActivationCodeProtected { get; private set; }
    public EsimState State { get; private set; }
    public decimal? WalletBalanceUsd { get; private set; }
    public long? DataRemainingMb { get; private set; }
    public long? DataTotalMb { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }
    public DateTimeOffset? ActivatedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LowBalanceNotifiedAt { get; private set; }

    public IReadOnlyList<EsimPackage> Packages => _packages;

    /// <summary>Below this share of what was bought, the eSIM is running low.</summary>
    public const double LowShare = 0.2;

    /// <summary>Everything funded onto the wallet (wallet providers).</summary>
    public decimal? FundedUsd => _packages.Sum(p => p.FundAmountUsd ?? 0m) is var funded && funded > 0 ? funded : null;

    /// <summary>The share of the wallet or data still left, from the last reading.</summary>
    public double? RemainingShare =>
        WalletBalanceUsd is { } wallet && FundedUsd is { } funded ? (double)Math.Clamp(wallet / funded, 0m, 1m)
        : DataRemainingMb is { } left && DataTotalMb is > 0 ? Math.Clamp((double)left / DataTotalMb.Value, 0, 1)
        : null;

    public bool IsRunningLow => State == EsimState.Depleted || (State == EsimState.Active && RemainingShare < LowShare);

    /// <summary>The reference sent upstream; unique per eSIM so a lost response can be looked up.</summary>
    public string Reference { get; private set; } = "";

    internal static Esim Create(Order order, int position, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        OrderId = order.Id,
        Reference = position == 1 ? order.Number : $"{order.Number}-{position}",
        Provider = order.Plan.Provider,
        Step = ProvisionStep.NotStarted,
        State = EsimState.Unknown,
        CreatedAt = now,
    };

    public void CreateRequested() { Step = ProvisionStep.CreateRequested; CreateAttempts++; }

    /// <summary>The upstream refused the create definitely (nothing was made): the next attempt orders without a look-up.</summary>
    public void CreateRefused()
    {
        if (Step == ProvisionStep.CreateRequested) Step = ProvisionStep.NotStarted;
    }

    public void Created(string iccid, string? upstreamId, string? upstreamOrderReference, string protectedActivationCode)
    {
        Iccid = iccid;
        UpstreamId = upstreamId;
        UpstreamOrderReference = upstreamOrderReference;
        ActivationCodeProtected = protectedActivationCode;
        State = EsimState.NotInstalled;
        Step = ProvisionStep.Created;
    }

    /// <summary>A wallet provider's funding of the plan was sent (package providers' orders carry the plan already).</summary>
    public void AttachRequested() { Step = ProvisionStep.AttachRequested; AttachAttempts++; }

    /// <summary>The upstream refused the funding definitely (nothing was charged): the next attempt funds without a look-up.</summary>
    public void AttachRefused()
    {
        if (Step == ProvisionStep.AttachRequested) Step = ProvisionStep.Created;
    }

    public void PlanAttached(EsimPackage package)
    {
        _packages.Add(package);
        Step = ProvisionStep.Ready;
    }

    public void Apply(EsimReading reading)
    {
        State = reading.State;
        WalletBalanceUsd = reading.WalletBalanceUsd;
        DataRemainingMb = reading.DataRemainingMb;
        DataTotalMb = reading.DataTotalMb;
        ActivatedAt = reading.ActivatedAt ?? ActivatedAt;
        ExpiresAt = reading.ExpiresAt ?? ExpiresAt;
        ReadAt = reading.ReadAt;
    }

    public void LowBalanceNotified(DateTimeOffset now) => LowBalanceNotifiedAt = now;

    /// <summary>A top-up re-arms the low-balance reminder.</summary>
    public void ToppedUp(EsimPackage package)
    {
        _packages.Add(package);
        LowBalanceNotifiedAt = null;
    }
}
