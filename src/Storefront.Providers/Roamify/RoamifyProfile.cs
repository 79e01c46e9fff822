using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Roamify;

public sealed record RoamifyProfile
{
    public string? LpaCode { get; init; }
    public string? SmdpAddress { get; init; }
    public string? ActivationCode { get; init; }
    /// <summary>A hosted image of the QR code (not a data URL).</summary>
    public string? QrCodeUrl { get; init; }
    public string? IosQuickInstall { get; init; }
    public string? AndroidQuickInstall { get; init; }

    /// <summary><see cref="LpaCode"/>, or one built from the SM-DP+ address and activation code when it is missing.</summary>
    public static string? LpaOf(RoamifyProfile? profile) => profile switch
    {
        { LpaCode: { Length: > 0 } lpa } => lpa,
        { SmdpAddress: { Length: > 0 } smdp, ActivationCode: { Length: > 0 } code } => $"LPA:1${smdp}${code}",
        _ => null,
    };
}
