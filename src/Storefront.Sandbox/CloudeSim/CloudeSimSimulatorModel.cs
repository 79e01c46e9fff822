using Storefront.Providers;
using Storefront.Providers.CloudeSim;
using Storefront.Domain;

namespace Storefront.Sandbox.CloudeSim;

public enum SimErrorKind { Validation, Unauthorized, InsufficientBalance, NotFound, NotAllowed }

/// <summary>A CloudeSIM-shaped error: <c>{"success": false, "errorMsg": Message}</c>, its HTTP status set by policy.</summary>
public sealed class CloudeSimSimulatorException(SimErrorKind kind, string message) : Exception(message)
{
    public SimErrorKind Kind { get; } = kind;

    /// <summary>
    /// The status under the by-kind policy (docs/providers/cloudesim.md §3.1: 400 validation, 401 auth, 402 balance,
    /// 404 not found).
    /// </summary>
    public int Status => Kind switch
    {
        SimErrorKind.Unauthorized => 401,
        SimErrorKind.InsufficientBalance => 402,
        SimErrorKind.NotFound => 404,
        _ => 400,
    };

    public static CloudeSimSimulatorException Validation(string message) => new(SimErrorKind.Validation, message);

    public static CloudeSimSimulatorException EsimNotFound() => new(SimErrorKind.NotFound, "eSIM not found");
}

/// <summary>The reseller balance is kept in integer cents (docs/providers/cloudesim.md §5.2).</summary>
internal static class Cents
{
    public static long From(decimal usd) => (long)decimal.Round(usd * 100m, 0, MidpointRounding.AwayFromZero);

    /// <summary>Adding 0.00m keeps two decimals, so JSON shows 24.50 as in the docs.</summary>
    public static decimal ToUsd(long cents) => cents / 100m + 0.00m;
}

internal enum SimStatus { New, Active, Depleted, Expired, Cancelled, Suspended }

internal sealed class SimEsim
{
    public required long Seq { get; init; }
    public required string Iccid { get; init; }
    public required string EsimTranNo { get; init; }
    public required string MatchingId { get; init; }
    public required string Lpa { get; init; }
    public required string QrCodeUrl { get; init; }
    public required string PackageCode { get; init; }
    public required string OrderNo { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the profile is allocated (async allocation mode); until then no query shows it.</summary>
    public required DateTimeOffset ReadyAt { get; init; }
    public SimStatus Status { get; set; } = SimStatus.New;
    public SimStatus? SuspendedFrom { get; set; }
    /// <summary>The profile has been downloaded to a device (SM-DP+ no longer RELEASED).</summary>
    public bool Installed { get; set; }
    public long TotalBytes { get; set; }
    public long UsedBytes { get; set; }
    public int DurationDays { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>Everything paid for this eSIM (its share of the order and its top-ups): what a cancel refunds.</summary>
    public long PaidCents { get; set; }
}

internal sealed record SimOrder(string OrderNo, string Type, string PackageCode, int Quantity, long AmountCents, DateTimeOffset CreatedAt,
    IReadOnlyList<string> Iccids);
