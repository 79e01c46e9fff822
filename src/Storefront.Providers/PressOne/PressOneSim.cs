using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.PressOne;

/// <summary>
/// An eSIM. <see cref="Qrcode"/> is the full LPA string, <see cref="Lpa"/> the SM-DP+ address and
/// <see cref="MatchingId"/> the activation code (docs/providers/pressone.md §3.3.5): all secret, never logged.
/// </summary>
public sealed record PressOneSim
{
    public long Id { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string Iccid { get; init; } = "";
    public string? Lpa { get; init; }
    public string? MatchingId { get; init; }
    public string? Qrcode { get; init; }
    public string? QrcodeUrl { get; init; }
    public string? DirectAppleInstallationUrl { get; init; }
    public string? ApnType { get; init; }
    public string? ApnValue { get; init; }
    public bool? IsRoaming { get; init; }
    public string? ConfirmationCode { get; init; }
    public string? Msisdn { get; init; }
    public bool? Recycled { get; init; }
    public DateTimeOffset? RecycledAt { get; init; }
    /// <summary>The order that made the eSIM, on Get eSIM with <c>include=order</c>.</summary>
    public PressOneOrder? Simable { get; init; }

    /// <summary>The LPA activation code, built from the SM-DP+ address and matching id when <c>qrcode</c> is absent.</summary>
    public string ActivationCode => Qrcode is { Length: > 0 } qr ? qr
        : Lpa is { Length: > 0 } && MatchingId is not null ? $"LPA:1${Lpa}${MatchingId}" : "";
}
