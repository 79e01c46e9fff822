using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Citrus;

/// <summary>
/// Wire format: snake_case JSON, USD as JSON numbers read into decimal (docs/providers/citrus.md §2.1).
/// </summary>
internal static class CitrusJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

public static class CitrusEsimStatus
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Terminated = "terminated";
}

/// <summary>
/// The eSIM object (docs/providers/citrus.md §2.3). <see cref="LpaString"/> and <see cref="QrCode"/> are secret: never
/// log them.
/// </summary>
public record CitrusEsim
{
    public string Id { get; init; } = "";
    public string Iccid { get; init; } = "";
    public string? LpaString { get; init; }
    /// <summary>A <c>data:image/png;base64,…</c> URL.</summary>
    public string? QrCode { get; init; }
    public string? DirectInstallUrl { get; init; }
    public string Status { get; init; } = "";
    public string? EuiccState { get; init; }
    /// <summary>Rounded down by up to ~5¢ (docs/providers/citrus.md §2.7); null for a SIM in a group.</summary>
    public decimal? WalletBalanceUsd { get; init; }
    public decimal? TotalDataChargedUsd { get; init; }
    public DateTimeOffset? ActivatedAt { get; init; }
    public string? GroupId { get; init; }
    public string? EndUserReference { get; init; }
    public string? Label { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>
    /// Current throttle (SPEED_… / NO_LIMIT); the field name is the simulator's guess (docs/providers/citrus.md §2.3).
    /// </summary>
    public string? Speed { get; init; }
}

public sealed record CitrusProvisionedEsim : CitrusEsim
{
    /// <summary>Fee charged for the provision (1.75).</summary>
    public decimal? Cost { get; init; }
    /// <summary>Reseller balance after the fee.</summary>
    public decimal? BalanceRemaining { get; init; }
}

public sealed record CitrusFundedEsim : CitrusEsim
{
    public decimal? FundedUsd { get; init; }
}

public sealed record CitrusEsimPage(IReadOnlyList<CitrusEsim> Esims, int? Total);

[JsonConverter(typeof(JsonStringEnumConverter<CitrusSpeed>))]
public enum CitrusSpeed
{
    [JsonStringEnumMemberName("NO_LIMIT")] NoLimit,
    [JsonStringEnumMemberName("SPEED_100_KBPS")] Speed100Kbps,
    [JsonStringEnumMemberName("SPEED_250_KBPS")] Speed250Kbps,
    [JsonStringEnumMemberName("SPEED_500_KBPS")] Speed500Kbps,
    [JsonStringEnumMemberName("SPEED_1000_KBPS")] Speed1000Kbps,
    [JsonStringEnumMemberName("SPEED_2000_KBPS")] Speed2000Kbps,
    [JsonStringEnumMemberName("SPEED_5000_KBPS")] Speed5000Kbps,
}

public sealed record CitrusDefund(decimal EstimatedReturnUsd, int? SettlesInMinutes);

public sealed record CitrusRates(IReadOnlyList<CitrusCountryRate> Countries, int? TotalCountries, decimal? Discount);

public sealed record CitrusCountryRate(
    string Name,
    string? Flag,
    string Iso2,
    string? Iso3,
    string? Continent,
    bool HasData,
    decimal? CheapestPerGbUsd,
    string? CheapestOperator,
    IReadOnlyList<CitrusNetworkRate>? Networks);

public sealed record CitrusNetworkRate(string Operator, decimal PerGbUsd, decimal? PerMbUsd);

public sealed record CitrusWalletBalance(decimal BalanceUsd, string? Currency, decimal? LifetimeTopupUsd, decimal? LifetimeUsageUsd);

public sealed record CitrusAccount(string? CompanyName, decimal BalanceUsd, string? AccountStatus);

public record CitrusWebhookInfo
{
    public string Id { get; init; } = "";
    public string Url { get; init; } = "";
    public IReadOnlyList<string> Events { get; init; } = [];
    public bool Active { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>The answer to a webhook registration: the only time Citrus shows <see cref="SigningSecret"/>.</summary>
public sealed record CitrusWebhookRegistration : CitrusWebhookInfo
{
    /// <summary>Null when the answer has no <c>signing_secret</c>: the registration is then unusable.</summary>
    public string? SigningSecret { get; init; }
}

public sealed record CitrusWebhookTestResult(bool Delivered, int? StatusCode);
