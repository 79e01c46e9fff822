using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Roamify;

/// <summary>
/// Wire format: camelCase JSON, USD as JSON numbers read into decimal, times in Unix seconds
/// (docs/providers/roamify.md §2.1).
/// </summary>
internal static class RoamifyJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>Null for a missing or impossible time: a stray value must not make the store drop a whole answer or event.</summary>
    public static DateTimeOffset? FromUnix(long? seconds) =>
        seconds > 0 && seconds <= MaxUnixSeconds ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value) : null;
}

/// <summary>
/// Every answer is <c>{"status":"success","data":…}</c>; errors carry <c>message</c> or <c>error</c>
/// (docs/providers/roamify.md §2.2).
/// </summary>
internal sealed record RoamifyEnvelope<T>(string? Status, T? Data, string? Message);

internal sealed record RoamifyCountryList(IReadOnlyList<RoamifyCountry>? Countries);

internal sealed record RoamifyPackagePage(IReadOnlyList<RoamifyPackageGroup>? Packages);

public sealed record RoamifySignal(string Code, string Name, IReadOnlyList<string>? Networks, IReadOnlyList<string>? Carriers);

public sealed record RoamifyThrottle(decimal? ThrottleSpeed, string? ThrottleSpeedUnit, decimal? ThrottleThreshold, string? ThrottleThresholdUnit);

/// <summary><see cref="TravelDate"/>: apply needs a startDate (docs/providers/roamify.md §2.3.2).</summary>
public sealed record RoamifyRequirements(bool TravelDate);

/// <summary>An order (eSIM, top-up or instant). Instant orders carry <see cref="Esims"/> instead of <see cref="Items"/>.</summary>
public sealed record RoamifyOrder
{
    public string Id { get; init; } = "";
    public string? ReferenceId { get; init; }
    public string? OrderType { get; init; }
    public string? Status { get; init; }
    public decimal? Total { get; init; }
    public string? Currency { get; init; }
    public long? CreatedAt { get; init; }
    public long? UpdatedAt { get; init; }
    public IReadOnlyList<RoamifyOrderItem>? Items { get; init; }
    public IReadOnlyList<RoamifyEsim>? Esims { get; init; }
}

public sealed record RoamifyOrderItem
{
    public string? EsimId { get; init; }
    public string? PackageId { get; init; }
    public string? Package { get; init; }
    /// <summary>"esim"; the docs show "esim" even for top-ups (docs/providers/roamify.md §2.3.10).</summary>
    public string? Type { get; init; }
    public decimal? Price { get; init; }
    public string? Currency { get; init; }
    public long? CreatedAt { get; init; }
}

internal sealed record RoamifyOrderList(IReadOnlyList<RoamifyOrder>? Orders);

/// <summary>The eSIM object (apply, lookups). <see cref="Esim"/> holds the secret install data: never log it.</summary>
public sealed record RoamifyEsim
{
    public string Id { get; init; } = "";
    public string? Iccid { get; init; }
    public string? Status { get; init; }
    public string? Activation { get; init; }
    public bool? WithTopUp { get; init; }
    public bool? WithUsageCheck { get; init; }
    public RoamifyProfile? Esim { get; init; }
    public RoamifyEsimData? Data { get; init; }
    public long? CreatedAt { get; init; }
    public long? UpdatedAt { get; init; }
    public long? ExpiredAt { get; init; }

    /// <summary>The profile has been generated: there is an ICCID and an activation code.</summary>
    [JsonIgnore]
    public bool HasProfile => !string.IsNullOrEmpty(Iccid) && RoamifyProfile.LpaOf(Esim) is not null;
}

public sealed record RoamifyEsimData(bool? IsUnlimited);

/// <summary><c>GET /api/esim/usage</c>: data in MB, times in Unix seconds (docs/providers/roamify.md §2.3.8).</summary>
public sealed record RoamifyUsage
{
    public string? Id { get; init; }
    public string Iccid { get; init; } = "";
    public string? Status { get; init; }
    public long? StartedAt { get; init; }
    public long? ExpiredAt { get; init; }
    public decimal? AllowedData { get; init; }
    public decimal? RemainingData { get; init; }
    public decimal? AllowedSms { get; init; }
    public decimal? RemainingSms { get; init; }
    public decimal? AllowedVoice { get; init; }
    public decimal? RemainingVoice { get; init; }
}

/// <summary>
/// A compatible top-up: unlike the catalogue, data sits in a nested object (docs/providers/roamify.md §2.3.9).
/// </summary>
public sealed record RoamifyTopUpPackage
{
    public string PackageId { get; init; } = "";
    public string Package { get; init; } = "";
    public int Day { get; init; }
    public decimal Price { get; init; }
    public bool? WithUsageCheck { get; init; }
    public RoamifyTopUpData? Data { get; init; }
}

/// <summary>A package applied to an eSIM (<c>GET /api/esim/history</c>): the original and each top-up.</summary>
public sealed record RoamifyHistoryEntry
{
    public string? EsimId { get; init; }
    public string PackageId { get; init; } = "";
    public string? Package { get; init; }
    public string? Type { get; init; }
    public decimal? Price { get; init; }
    public long? CreatedAt { get; init; }
}
