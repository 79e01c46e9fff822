using Microsoft.Extensions.Caching.Memory;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Features.Install;
using Storefront.Providers;

namespace Storefront.Features.Orders;

public sealed record EsimViewModel(
    int Position,
    string IccidTail,
    string StatusLabel,
    Tone StatusTone,
    decimal? WalletBalanceUsd,
    decimal? FundedUsd,
    decimal? ApproxGbLeft,
    long? DataRemainingMb,
    long? DataTotalMb,
    double? RemainingFraction,
    DateTimeOffset? ReadAt,
    DateTimeOffset? ExpiresAt,
    RenderedInstall? Install,
    bool CanTopUp,
    IReadOnlyList<PackageLine> Packages);
