using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Citrus;

/// <summary>
/// The eSIM object (docs/providers/citrus.md §2.3). <see cref="LpaString"/> and <see cref="QrCode"/> are secret: never
/// log them.
/// </summary>
public record CitrusEsim
{
    public string Id { get; init; } = "";
    public string Iccid { get; init; } = "";
    public string? LpaString { get; init; }
    /// <summary>A <c>data:image/png;base64,…</c> URL.</summary>
    public string? QrCode { get; init; }
    public string? DirectInstallUrl { get; init; }
    public string Status { get; init; } = "";
    public string? EuiccState { get; init; }
    /// <summary>Rounded down by up to ~5¢ (docs/providers/citrus.md §2.7); null for a SIM in a group.</summary>
    public decimal? WalletBalanceUsd { get; init; }
    public decimal? TotalDataChargedUsd { get; init; }
    public DateTimeOffset? ActivatedAt { get; init; }
    public string? GroupId { get; init; }
    public string? EndUserReference { get; init; }
    public string? Label { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>
    /// Current throttle (SPEED_… / NO_LIMIT); the field name is the simulator's guess (docs/providers/citrus.md §2.3).
    /// </summary>
    public string? Speed { get; init; }
}
