using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.CloudeSim;

/// <summary>
/// Wire format: camelCase JSON, USD as decimal numbers, volumes in MB (seed 001; docs/providers/cloudesim.md §3.1).
/// </summary>
internal static class CloudeSimJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}

public sealed record CloudeSimBalance(string? Username, decimal Balance, string? Currency);

/// <summary>
/// One entry of <c>packageList</c>. <see cref="Location"/> (comma-separated ISO2 codes of a regional package) and
/// <see cref="CompatibleWith"/> (what a TOPUP package can be added to) are not in the seed: the simulator sends them,
/// and the adapter uses them only when present.
/// </summary>
public sealed record CloudeSimPackage
{
    public string PackageCode { get; init; } = "";
    public string Name { get; init; } = "";
    public decimal Price { get; init; }
    public string? CurrencyCode { get; init; }
    /// <summary>Days (docs/providers/cloudesim.md §3.2).</summary>
    public int? Duration { get; init; }
    /// <summary>MB: the 1 GB package shows 1024 (seed).</summary>
    public decimal? Volume { get; init; }
    public string? LocationCode { get; init; }
    public string? Type { get; init; }
    public string? Location { get; init; }
    public IReadOnlyList<string>? CompatibleWith { get; init; }
}

public sealed record CloudeSimOrder(string OrderNo, IReadOnlyList<CloudeSimOrderedEsim>? EsimList);

/// <summary>An eSIM in an order answer. <see cref="Ac"/> is secret: never log it.</summary>
public sealed record CloudeSimOrderedEsim(string Iccid, string? Ac, string? QrCodeUrl, string? EsimTranNo);

/// <summary>
/// An eSIM in a query answer. The seed shows iccid, status, remainingVolume and expireTime; the rest are extras the
/// simulator adds (eSIM Access names), used when present.
/// </summary>
public sealed record CloudeSimEsim
{
    public string Iccid { get; init; } = "";
    public string? Status { get; init; }
    /// <summary>MB by default; see <see cref="CloudeSimOptions.RemainingVolumeUnit"/>.</summary>
    public decimal? RemainingVolume { get; init; }
    public decimal? TotalVolume { get; init; }
    /// <summary>ISO-8601 or a bare date (seed example "2024-12-31"); read with <see cref="CloudeSimDates.Parse"/>.</summary>
    public string? ExpireTime { get; init; }
    public string? ActivateTime { get; init; }
    public string? Ac { get; init; }
    public string? QrCodeUrl { get; init; }
    public string? OrderNo { get; init; }
    public string? PackageCode { get; init; }
    public string? EsimTranNo { get; init; }
}

internal sealed record CloudeSimPackageListBody(IReadOnlyList<CloudeSimPackage>? PackageList);

internal sealed record CloudeSimEsimListBody(IReadOnlyList<CloudeSimEsim>? EsimList);

internal sealed record CloudeSimOrderNoBody(string? OrderNo);

public static class CloudeSimDates
{
    /// <summary>
    /// ISO-8601 (assumed UTC without an offset) or a bare date. A bare date is read as valid through that day, so it
    /// becomes the next midnight UTC (the format is an open question, docs/providers/cloudesim.md §6.7).
    /// </summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
    }
}
