using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.PressOne;

/// <summary>
/// Wire format (docs/providers/pressone.md §3.2): snake_case JSON in a <c>{"data", "meta"}</c> envelope; numbers
/// sometimes sent as strings (<c>"quantity": "1"</c>, <c>"price": "9.50"</c>); times as <c>Y-m-d H:i:s</c> (UTC) or ISO
/// 8601 with an offset.
/// </summary>
internal static class PressOneJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new PressOneTimeConverter() },
    };
}

/// <summary>Reads <c>2023-02-27 14:09:55</c> (taken as UTC) and ISO 8601; writes the former.</summary>
internal sealed class PressOneTimeConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd HH:mm:ss";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var plain))
            return plain;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
            return iso;
        throw new JsonException($"'{text}' is not a PressOne time.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
}

/// <summary>
/// A list sent either as an array or, for <c>/packages</c> from page 2 on, as an object keyed by each entry's index
/// in the whole list (docs/providers/pressone.md §3.2 "Quirk"); read in index order either way.
/// </summary>
internal sealed class ArrayOrIndexedObjectConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                return JsonSerializer.Deserialize<List<T>>(ref reader, options) ?? [];
            case JsonTokenType.StartObject:
                var indexed = JsonSerializer.Deserialize<Dictionary<string, T>>(ref reader, options) ?? [];
                return indexed
                    .OrderBy(e => long.TryParse(e.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : long.MaxValue)
                    .ThenBy(e => e.Key, StringComparer.Ordinal)
                    .Select(e => e.Value)
                    .ToList();
            default:
                throw new JsonException("Expected an array or an object keyed by index.");
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.ToList(), options);
}

public sealed record PressOneEnvelope<T>(T? Data, PressOneMeta? Meta);

/// <summary><c>meta</c>: the message, and on lists Laravel's pagination fields (<c>per_page</c> comes as a string).</summary>
public sealed record PressOneMeta(
    string? Message,
    int? CurrentPage,
    int? From,
    int? LastPage,
    string? Path,
    int? PerPage,
    int? To,
    int? Total);

public sealed record PressOneLinks(string? First, string? Last, string? Prev, string? Next);

/// <summary><c>net_pricing</c> (net_price is what is charged) or <c>discount_pricing</c> (net_price is null; price less the discount).</summary>
public sealed record PressOnePricing(string? Model, decimal? DiscountPercentage);

public sealed record PressOnePage<T>(IReadOnlyList<T> Data, PressOneLinks? Links, PressOneMeta? Meta, PressOnePricing? Pricing);

public sealed record PressOnePackagePage(
    [property: JsonConverter(typeof(ArrayOrIndexedObjectConverter<PressOneCountryPackages>))] IReadOnlyList<PressOneCountryPackages> Data,
    PressOneLinks? Links,
    PressOneMeta? Meta,
    PressOnePricing? Pricing);

public sealed record PressOneToken(string? TokenType, long? ExpiresIn, string AccessToken);

public sealed record PressOneBalance(PressOneBalanceAccount? Balances);

public sealed record PressOneBalanceAccount(
    string? Name,
    [property: JsonPropertyName("availableBalance")] PressOneMoney? AvailableBalance);

public sealed record PressOneMoney(decimal Amount, string? Currency);

/// <summary>One entry of <c>/packages</c>: a country, or a region or the world (empty <c>country_code</c>).</summary>
public sealed record PressOneCountryPackages(
    string Slug,
    string? CountryCode,
    string Title,
    PressOneImage? Image,
    IReadOnlyList<PressOneOperator>? Operators);

public sealed record PressOneImage(int? Width, int? Height, string? Url);

public sealed record PressOneOperator
{
    public long Id { get; init; }
    /// <summary><see cref="PressOnePackageTypes.Local"/> or <see cref="PressOnePackageTypes.Global"/> (regional and world).</summary>
    public string Type { get; init; } = "";
    public string Title { get; init; } = "";
    public string? PlanType { get; init; }
    public string? ActivationPolicy { get; init; }
    public bool? IsRoaming { get; init; }
    /// <summary>Whether eSIMs of this operator take top-ups.</summary>
    public bool? Rechargeability { get; init; }
    public IReadOnlyList<string>? Info { get; init; }
    public string? ApnType { get; init; }
    public IReadOnlyList<PressOneOperatorCountry>? Countries { get; init; }
    public IReadOnlyList<PressOnePackage>? Packages { get; init; }
}

public sealed record PressOneOperatorCountry(string CountryCode, string? Title);

/// <summary>
/// A package (also a top-up package). <see cref="Amount"/> is MB and 0 when unlimited; <see cref="Day"/> is validity;
/// <see cref="Price"/> is the recommended retail price and <see cref="NetPrice"/> what the reseller pays
/// (docs/providers/pressone.md §3.3.4).
/// </summary>
public sealed record PressOnePackage
{
    public string Id { get; init; } = "";
    public string Type { get; init; } = PressOnePackageTypes.Sim;
    public decimal? Price { get; init; }
    public decimal? NetPrice { get; init; }
    public long Amount { get; init; }
    public int Day { get; init; }
    public bool IsUnlimited { get; init; }
    public string Title { get; init; } = "";
    public string? Data { get; init; }
    public string? ShortInfo { get; init; }
    /// <summary>Minutes; null for data-only packages.</summary>
    public int? Voice { get; init; }
    /// <summary>SMS count; null for data-only packages.</summary>
    public int? Text { get; init; }
    public PressOnePrices? Prices { get; init; }
}

public sealed record PressOnePrices(
    IReadOnlyDictionary<string, decimal>? NetPrice,
    IReadOnlyDictionary<string, decimal>? RecommendedRetailPrice);

public sealed record PressOneOrderStatus(string? Name, string? Slug);

/// <summary>
/// An order (<c>type</c> sim or topup). Top-up orders carry no <see cref="Sims"/> (docs/providers/pressone.md §3.3.10).
/// </summary>
public sealed record PressOneOrder
{
    public long Id { get; init; }
    /// <summary><c>YYYYMMDD-NNNNNN</c>.</summary>
    public string Code { get; init; } = "";
    public string? Currency { get; init; }
    public string PackageId { get; init; } = "";
    public int? Quantity { get; init; }
    public string Type { get; init; } = "";
    public string? Description { get; init; }
    public string? EsimType { get; init; }
    public int? Validity { get; init; }
    public string? Package { get; init; }
    public string? Data { get; init; }
    public decimal? Price { get; init; }
    public decimal? NetPrice { get; init; }
    public string? PricingModel { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string? ManualInstallation { get; init; }
    public string? QrcodeInstallation { get; init; }
    public IReadOnlyDictionary<string, string>? InstallationGuides { get; init; }
    public int? Text { get; init; }
    public int? Voice { get; init; }
    public PressOneOrderStatus? Status { get; init; }
    public IReadOnlyList<PressOneSim>? Sims { get; init; }
}

public sealed record PressOneInstructionsData(PressOneInstructions Instructions);

public sealed record PressOneInstructions(
    string? Language,
    IReadOnlyList<PressOneDeviceInstructions>? Ios,
    IReadOnlyList<PressOneDeviceInstructions>? Android);

public sealed record PressOneDeviceInstructions(
    string? Model,
    string? Version,
    PressOneQrInstallation? InstallationViaQrCode,
    PressOneManualInstallation? InstallationManual,
    PressOneNetworkSetup? NetworkSetup);

public sealed record PressOneQrInstallation(
    IReadOnlyDictionary<string, string>? Steps,
    string? QrCodeData,
    string? QrCodeUrl,
    string? DirectAppleInstallationUrl);

public sealed record PressOneManualInstallation(IReadOnlyDictionary<string, string>? Steps, string? SmdpAddressAndActivationCode);

public sealed record PressOneNetworkSetup(IReadOnlyDictionary<string, string>? Steps, string? ApnType, string? ApnValue, bool? IsRoaming);

/// <summary>Data in MB, voice in minutes, text as a count; for unlimited packages remaining/total are 0 and mean nothing.</summary>
public sealed record PressOneUsage(
    long? Remaining,
    long? Total,
    DateTimeOffset? ExpiredAt,
    bool? IsUnlimited,
    string Status,
    int? RemainingVoice,
    int? RemainingText,
    int? TotalVoice,
    int? TotalText);

/// <summary>
/// One package on an eSIM (the original or a top-up), with its own data and validity
/// (docs/providers/pressone.md §3.3.13).
/// </summary>
public sealed record PressOnePackageBucket(
    long Id,
    string Status,
    long? Remaining,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? ExpiredAt,
    DateTimeOffset? FinishedAt,
    PressOnePackage? Package);
