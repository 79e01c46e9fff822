namespace Storefront.Providers;

/// <summary>An eSIM as the upstream created it. <see cref="ActivationCode"/> is secret: never log it.</summary>
public sealed record UpstreamEsim(
    string Iccid,
    string ActivationCode,
    string? UpstreamId,
    string? QrCodePngDataUrl,
    string? UpstreamOrderReference);
