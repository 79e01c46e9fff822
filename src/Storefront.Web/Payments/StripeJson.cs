using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Payments;

/// <summary>How Stripe's JSON reads: snake_case names, Unix-second timestamps, unknown fields ignored.</summary>
internal static class StripeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new UnixTimeConverter() },
    };

    private sealed class UnixTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64());

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.ToUnixTimeSeconds());
    }
}

/// <summary>
/// Reads a Stripe enum string by its snake_case name. Stripe adds values over time, so an unknown value becomes the
/// enum's default (<c>Unknown</c>) instead of failing the whole response.
/// </summary>
internal sealed class StripeEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByName =
        Enum.GetValues<TEnum>().ToDictionary(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()), StringComparer.Ordinal);

    private static readonly Dictionary<TEnum, string> NameOf = ByName.ToDictionary(p => p.Value, p => p.Key);

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value) ? value : default;

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(NameOf[value]);

    public static string WireName(TEnum value) => NameOf[value];
}
