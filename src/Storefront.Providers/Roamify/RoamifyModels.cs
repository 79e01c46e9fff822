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

public static class RoamifyGeography
{
    public const string Local = "local";
    public const string Regional = "regional";
    public const string Global = "global";
}

/// <summary>
/// eSIM object statuses (docs/providers/roamify.md §2.5); events and webhooks add ACTIVATED, INACTIVE, DELETED,
/// DOWNLOADED.
/// </summary>
public static class RoamifyEsimStatus
{
    public const string New = "NEW";
    public const string Ready = "READY";
    public const string Installed = "INSTALLED";
    public const string Revoked = "REVOKED";
    public const string Expired = "EXPIRED";
    public const string Unknown = "UNKNOWN";
    public const string Downloaded = "DOWNLOADED";
    public const string Activated = "ACTIVATED";
    public const string Inactive = "INACTIVE";
    public const string Deleted = "DELETED";
}

public static class RoamifyOrderStatus
{
    public const string Pending = "PENDING";
    public const string Completed = "COMPLETED";
    public const string Archived = "ARCHIVED";
    public const string Cancelled = "CANCELLED";
    public const string Refunded = "REFUNDED";
    public const string RequireAction = "REQUIRE_ACTION";
}

/// <summary>One entry of <c>GET /api/esim/countries</c>. <see cref="Code"/> is not unique: regional bundles reuse codes.</summary>
public sealed record RoamifyCountry(string Code, string Name);

internal sealed record RoamifyCountryList(IReadOnlyList<RoamifyCountry>? Countries);

internal sealed record RoamifyPackagePage(IReadOnlyList<RoamifyPackageGroup>? Packages);

/// <summary>A country, region or global group of packages (docs/providers/roamify.md §2.3.2).</summary>
public sealed record RoamifyPackageGroup
{
    public string Id { get; init; } = "";
    public string CountryName { get; init; } = "";
    public string CountryCode { get; init; } = "";
    public string? CountrySlug { get; init; }
    public string? Region { get; init; }
    /// <summary><see cref="RoamifyGeography"/>: local, regional or global.</summary>
    public string Geography { get; init; } = "";
    public decimal? MinPrice { get; init; }
    public decimal? MaxPrice { get; init; }
    public string? Image { get; init; }
    /// <summary>The countries covered, with their networks.</summary>
    public IReadOnlyList<RoamifySignal>? Signals { get; init; }
    public IReadOnlyList<RoamifyPackage>? Packages { get; init; }
}

public sealed record RoamifySignal(string Code, string Name, IReadOnlyList<string>? Networks, IReadOnlyList<string>? Carriers);

/// <summary>A package as the catalogue lists it. <see cref="Price"/> is the partner's cost.</summary>
public sealed record RoamifyPackage
{
    public const decimal UnlimitedDataAmount = 9007199254740991m;

    public string PackageId { get; init; } = "";
    public string Package { get; init; } = "";
    public string? Plan { get; init; }
    public string? Activation { get; init; }
    public int Day { get; init; }
    public decimal Price { get; init; }
    public bool IsUnlimited { get; init; }
    /// <summary>In <see cref="DataUnit"/>; unlimited packages say 2^53−1 (JavaScript's MAX_SAFE_INTEGER).</summary>
    public decimal DataAmount { get; init; }
    public string? DataUnit { get; init; }
    /// <summary>Not in the documented sample; a package without it is treated as not top-up-able.</summary>
    public bool? WithTopUp { get; init; }
    public bool? WithUsageCheck { get; init; }
    public bool? WithHotspot { get; init; }
    public bool? WithThrottle { get; init; }
    public RoamifyThrottle? Throttle { get; init; }
    public RoamifyRequirements? Requirements { get; init; }
}

public sealed record RoamifyThrottle(decimal? ThrottleSpeed, string? ThrottleSpeedUnit, decimal? ThrottleThreshold, string? ThrottleThresholdUnit);

/// <summary><see cref="TravelDate"/>: apply needs a startDate (docs/providers/roamify.md §2.3.2).</summary>
public sealed record RoamifyRequirements(bool TravelDate);

public sealed record RoamifyOrderItemRequest(string PackageId, int Quantity);

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

public sealed record RoamifyTopUpData(bool IsUnlimited, decimal? DataAmount, string? DataUnit);

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

public sealed record RoamifyBalance(decimal Balance, string? Currency);

/// <summary>
/// Optional filters of <c>GET /api/esim/packages</c> (docs/providers/roamify.md §2.3.2); country names and codes come
/// from the countries list.
/// </summary>
public sealed record RoamifyPackageFilter
{
    public string? Country { get; init; }
    public string? CountryCode { get; init; }
    public string? Geography { get; init; }
    public int? Days { get; init; }
    public decimal? Gbs { get; init; }
    public bool? IsUnlimited { get; init; }
    public string? PackageId { get; init; }
}
