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

public sealed record CitrusFundedEsim : CitrusEsim
{
    public decimal? FundedUsd { get; init; }
}

public sealed record CitrusEsimPage(IReadOnlyList<CitrusEsim> Esims, int? Total);

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
