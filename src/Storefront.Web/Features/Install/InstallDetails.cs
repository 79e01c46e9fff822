using QRCoder;

namespace Storefront.Features.Install;

/// <summary>
/// Everything a traveller needs to install an eSIM, derived from its LPA activation code
/// (SGP.22: <c>LPA:1$&lt;SM-DP+ address&gt;$&lt;matching id&gt;</c>). Contains the secret code: never log it.
/// </summary>
public sealed record InstallDetails(string ActivationCode, string SmdpAddress, string MatchingId)
{
    private const string IosBase = "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=";
    private const string AndroidBase = "https://esimsetup.android.com/esim_qrcode_provisioning?carddata=";

    /// <summary>Apple's universal link (iOS 17.4+). The LPA is URL-encoded, the form that works everywhere.</summary>
    public string IosInstallUrl => IosBase + Uri.EscapeDataString(ActivationCode);

    /// <summary>The de-facto Android link (Android 10+); best effort, so the QR and manual entry are always shown too.</summary>
    public string AndroidInstallUrl => AndroidBase + Uri.EscapeDataString(ActivationCode);

    public static InstallDetails Parse(string activationCode)
    {
        var code = activationCode.Trim();
        if (!code.StartsWith("LPA:", StringComparison.OrdinalIgnoreCase))
            code = code.Contains('$') ? "LPA:" + code : throw new FormatException("The activation code is not an LPA string.");
        var parts = code[4..].Split('$');
        if (parts.Length < 3 || parts[0] != "1" || string.IsNullOrWhiteSpace(parts[1]))
            throw new FormatException("The activation code is not an LPA:1$address$matching-id string.");
        return new InstallDetails(code, parts[1], parts[2]);
    }

    /// <summary>A PNG QR code of the activation code, generated locally (the upstream's image is only a fallback).</summary>
    public byte[] QrPng(int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(ActivationCode, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }
}
