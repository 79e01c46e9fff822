using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Esimfly;

/// <summary>
/// eSIMfly reports data in three units (docs/providers/esimfly.md §1.1 "unit inconsistency"): the catalogue and top-up
/// answers in GB, eSIM lists and usage in MB, the order status in bytes. Everything is turned into MB with 1 GB = 1024
/// MB, the ratio the API itself uses (a 1 GB plan lists total_mb 1024).
/// </summary>
public static class EsimflyUnits
{
    public const long MbPerGb = 1024;
    public const long BytesPerMb = 1024 * 1024;

    public static long MbFromGb(decimal gb) => (long)decimal.Round(gb * MbPerGb, 0, MidpointRounding.AwayFromZero);

    public static long MbFromBytes(long bytes) => (long)Math.Round(bytes / (double)BytesPerMb, MidpointRounding.AwayFromZero);

    /// <summary>The top-up answer's <c>expiredTime</c> is a human string, "February 13, 2026 at 11:27 PM" (UTC assumed).</summary>
    public static DateTimeOffset? ParseHumanTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParseExact(text.Trim(), ["MMMM d, yyyy 'at' h:mm tt", "MMMM d, yyyy 'at' h:mm:ss tt"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at) ? at : null;
    }
}
