using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Esimfly;

/// <summary>
/// The Business API mixes naming styles: catalogue, lists, usage and history are snake_case; the order and top-up
/// answers are camelCase (docs/providers/esimfly.md §1.4–1.5). Amounts are JSON numbers read into decimal.
/// </summary>
internal static class EsimflyJson
{
    public static readonly JsonSerializerOptions Camel = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static readonly JsonSerializerOptions Snake = new(Camel) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

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

/// <summary>
/// Standardised eSIM statuses of lists and usage (docs/providers/esimfly.md §1.6), plus USED_EXPIRED, which leaks
/// through.
/// </summary>
public static class EsimflyEsimStatus
{
    public const string New = "NEW";
    public const string Active = "ACTIVE";
    public const string Expired = "EXPIRED";
    public const string Cancelled = "CANCELLED";
    public const string Depleted = "DEPLETED";
    public const string Deleted = "DELETED";
    public const string UsedExpired = "USED_EXPIRED";
}

public static class EsimflyOrderStatus
{
    public const string Completed = "completed";
    public const string PendingDetails = "pending_details";
    public const string Pending = "pending";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

public static class EsimflyPackageTypes
{
    public const string Local = "local";
    public const string Regional = "regional";
    public const string Global = "global";
}

/// <summary>
/// Pagination reads both spellings: the catalogue says <c>totalPages</c>, the other lists <c>total_pages</c>
/// (docs/providers/esimfly.md §1.4).
/// </summary>
public sealed record EsimflyPagination
{
    public int? Page { get; init; }
    public int? Limit { get; init; }
    public int? Total { get; init; }

    [JsonPropertyName("total_pages")]
    public int? TotalPagesSnake { get; init; }

    [JsonPropertyName("totalPages")]
    public int? TotalPagesCamel { get; init; }

    [JsonIgnore]
    public int? TotalPages => TotalPagesSnake ?? TotalPagesCamel;
}

public sealed record EsimflyBalance(decimal Balance, string? Currency);

public sealed record EsimflyFeatures(int? VoiceMinutes, int? SmsCount, bool? IsRechargeable);

public sealed record EsimflyOperator(
    [property: JsonPropertyName("operatorName")] string? OperatorName,
    [property: JsonPropertyName("networkType")] string? NetworkType);

public sealed record EsimflyLocation(
    [property: JsonPropertyName("locationName")] string? LocationName,
    [property: JsonPropertyName("locationLogo")] string? LocationLogo,
    [property: JsonPropertyName("operatorList")] IReadOnlyList<EsimflyOperator>? OperatorList);

/// <summary>A catalogue package; <see cref="Cost"/> is the reseller's buy price. Pass <see cref="PackageCode"/> back verbatim.</summary>
public sealed record EsimflyPackage
{
    public string PackageCode { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Region { get; init; }
    public string? Type { get; init; }
    public decimal DataAmountGb { get; init; }
    public int ValidityDays { get; init; }
    public decimal Cost { get; init; }
    public string? Currency { get; init; }
    public EsimflyFeatures? Features { get; init; }
    public bool IsUnlimited { get; init; }
    public bool? HasVoice { get; init; }
    public bool? HasSms { get; init; }

    /// <summary>ISO2 codes; only newer answers carry them (CODE: esimfly-mcp).</summary>
    public IReadOnlyList<string>? Countries { get; init; }

    [JsonPropertyName("locationNetworkList")]
    public IReadOnlyList<EsimflyLocation>? LocationNetworkList { get; init; }
}

public sealed record EsimflyPackagePage(IReadOnlyList<EsimflyPackage>? Packages, EsimflyPagination? Pagination);

public sealed record EsimflyOrderedEsim
{
    public string? Iccid { get; init; }
    /// <summary>Secret: never log.</summary>
    public string? LpaString { get; init; }
    public string? QrCodeUrl { get; init; }
    public string? DirectAppleInstallUrl { get; init; }
    public string? DirectAndroidInstallUrl { get; init; }
    public string? Status { get; init; }
    public string? ProfileStatus { get; init; }
    public bool? IsPending { get; init; }
}

/// <summary>The answer to POST /esims/order, which is not wrapped in <c>data</c>.</summary>
public sealed record EsimflyOrderResult
{
    public string? Message { get; init; }
    public string OrderReference { get; init; } = "";
    public long? EsimId { get; init; }
    public string? PackageName { get; init; }
    public decimal? NewBalance { get; init; }
    public string? Currency { get; init; }
    public string? LpaString { get; init; }
    public string? QrCodeUrl { get; init; }
    public string? Status { get; init; }
    public decimal? Amount { get; init; }
    public decimal? Profit { get; init; }

    [JsonPropertyName("final_price")]
    public decimal? FinalPrice { get; init; }

    public bool? IsPending { get; init; }
    public IReadOnlyList<EsimflyOrderedEsim>? Esims { get; init; }
}

/// <summary>The eSIM inside an order status; <see cref="TotalVolume"/> is in bytes.</summary>
public sealed record EsimflyOrderEsim
{
    public string? Iccid { get; init; }
    public string? Status { get; init; }
    public string? QrCodeUrl { get; init; }
    public string? DirectAppleInstallUrl { get; init; }
    public string? DirectAndroidInstallUrl { get; init; }
    /// <summary>Secret: never log.</summary>
    public string? LpaString { get; init; }
    public bool? IsPending { get; init; }
    public bool? Unlimited { get; init; }
    public long? TotalVolume { get; init; }
    public int? TotalDuration { get; init; }
    /// <summary>ISO 8601 in the docs; read as text because the top-up answer writes the same field for humans.</summary>
    public string? ExpiredTime { get; init; }
}

/// <summary>One order as GET /esims/order?orderReference= shows it.</summary>
public sealed record EsimflyOrder
{
    public long? Id { get; init; }
    public string? PackageName { get; init; }
    public string? PackageCode { get; init; }
    public string? Status { get; init; }
    public decimal? Amount { get; init; }
    public decimal? FinalPrice { get; init; }
    public DateTimeOffset? OrderDate { get; init; }
    public string OrderReference { get; init; } = "";
    public string? PaymentMethod { get; init; }
    public string? PaymentStatus { get; init; }
    public EsimflyOrderEsim? Esim { get; init; }
}

public sealed record EsimflyDataUsage(long? TotalMb, long? UsedMb, long? RemainingMb, decimal? UsagePercentage, bool? IsUnlimited);

public sealed record EsimflyValidity(int? Days, DateTimeOffset? ActivatedAt, DateTimeOffset? ExpiresAt, bool? IsExpired);

public sealed record EsimflyManualInstallation(string? SmdpAddress, string? ActivationCode, string? LpaFormat);

/// <summary>An eSIM of GET /esims; data in MB. <see cref="ManualInstallation"/> holds the secret activation code.</summary>
public sealed record EsimflyEsim
{
    public long? Id { get; init; }
    public string Iccid { get; init; } = "";
    public string? PackageName { get; init; }
    public string? PackageCode { get; init; }
    public IReadOnlyList<string>? Countries { get; init; }
    public string? Status { get; init; }
    public EsimflyDataUsage? Data { get; init; }
    public EsimflyValidity? Validity { get; init; }
    public string? QrCode { get; init; }
    public EsimflyManualInstallation? ManualInstallation { get; init; }
    public string? DirectAppleInstallationUrl { get; init; }
    public string? DirectAndroidInstallationUrl { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public bool? IsPending { get; init; }
    public string? PhoneNumber { get; init; }
}

public sealed record EsimflyEsimPage(IReadOnlyList<EsimflyEsim>? Esims, EsimflyPagination? Pagination);

public sealed record EsimflyUsageEsim(string? Iccid, string? PackageName, string? Status);

/// <summary>GET /esims/usage/query: one eSIM's status, MB figures and validity.</summary>
public sealed record EsimflyUsage(EsimflyUsageEsim? Esim, EsimflyDataUsage? Data, EsimflyValidity? Validity);

public sealed record EsimflyOrderHistoryItem
{
    public long? Id { get; init; }
    public string OrderReference { get; init; } = "";
    public string? PackageName { get; init; }
    public string? PackageCode { get; init; }
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    public string? Status { get; init; }
    public string? FlagUrl { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
}

public sealed record EsimflyOrderSummary(int? TotalOrders, decimal? TotalRevenue);

public sealed record EsimflyOrderPage(IReadOnlyList<EsimflyOrderHistoryItem>? Orders, EsimflyOrderSummary? Summary, EsimflyPagination? Pagination);

/// <summary>Filters of GET /orders; dates are inclusive, <see cref="Search"/> matches reference, package name or code.</summary>
public sealed record EsimflyOrderQuery
{
    public string? Search { get; init; }
    public string? Status { get; init; }
    public DateOnly? FromDate { get; init; }
    public DateOnly? ToDate { get; init; }
    public string? SortBy { get; init; }
    public string? SortOrder { get; init; }
    public int Page { get; init; } = 1;
    public int Limit { get; init; } = EsimflyClient.MaxPageSize;
}

public sealed record EsimflyTopUpPackage
{
    public string PackageCode { get; init; } = "";
    public string Name { get; init; } = "";
    public decimal DataAmountGb { get; init; }
    public int ValidityDays { get; init; }
    public decimal Cost { get; init; }
    public string? Currency { get; init; }
    public EsimflyFeatures? Features { get; init; }
    public bool IsUnlimited { get; init; }
}

public sealed record EsimflyTopUpPackagePage(IReadOnlyList<EsimflyTopUpPackage>? Packages, EsimflyPagination? Pagination);

/// <summary>Volumes after a top-up, in GB; <see cref="ExpiredTime"/> is a human string (see <see cref="EsimflyUnits.ParseHumanTime"/>).</summary>
public sealed record EsimflyTopUpVolumes(decimal? NewTotalVolumeGb, decimal? NewRemainingVolumeGb, string? ExpiredTime);

/// <summary>The answer to POST /topup/order, not wrapped in <c>data</c>.</summary>
public sealed record EsimflyTopUpResult
{
    public string? Message { get; init; }
    public string OrderReference { get; init; } = "";
    public string? Iccid { get; init; }
    public string? PackageName { get; init; }
    public decimal? NewBalance { get; init; }
    public string? Currency { get; init; }
    public string? Status { get; init; }
    public decimal? Amount { get; init; }
    public decimal? Profit { get; init; }
    public EsimflyTopUpVolumes? EsimData { get; init; }
}
