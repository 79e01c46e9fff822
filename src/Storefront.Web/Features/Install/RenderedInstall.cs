using Microsoft.Extensions.Caching.Memory;

namespace Storefront.Features.Install;

/// <summary>An eSIM's install details with its QR code as a <c>data:</c> URL, ready for a page.</summary>
public sealed record RenderedInstall(InstallDetails Details, string QrDataUrl);
