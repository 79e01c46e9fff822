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
