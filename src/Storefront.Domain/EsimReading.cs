namespace Storefront.Domain;

/// <summary>A reading of one eSIM's status and what is left on it, at <see cref="ReadAt"/>.</summary>
public sealed record EsimReading(
    string Iccid,
    EsimState State,
    decimal? WalletBalanceUsd,
    long? DataRemainingMb,
    long? DataTotalMb,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset ReadAt);
