using Microsoft.Extensions.Caching.Memory;

namespace Storefront.Features.Install;

/// <summary>
/// Decrypts an eSIM's activation code and draws its QR code once, not on every view of the order and success pages
/// (which customers reload while travelling). Kept in this process's memory only, like the page rendered from it:
/// never written anywhere or logged. Keyed by the encrypted code, so a changed code is a new entry; bounded, and an
/// entry not viewed for an hour is dropped.
/// </summary>
public sealed class RenderedInstalls(ActivationCodeProtector codes) : IDisposable
{
    /// <summary>The QR's size on the pages: 8 pixels per module, shown at 260 CSS pixels.</summary>
    public const int QrPixelsPerModule = 8;

    /// <summary>Each entry is about 4 KB (mostly the PNG in base64), so the cache stays under 20 MB.</summary>
    private const int MaxEntries = 5_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public RenderedInstall? For(string? protectedCode)
    {
        if (protectedCode is null) return null;
        return _cache.GetOrCreate(protectedCode, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            var details = codes.Details(protectedCode)!;
            return new RenderedInstall(details, "data:image/png;base64," + Convert.ToBase64String(details.QrPng(QrPixelsPerModule)));
        });
    }

    public void Dispose() => _cache.Dispose();
}
