using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers;

/// <summary>
/// Reads a timestamp in a webhook body leniently: ISO 8601 with or without an offset (none means UTC),
/// "yyyy-MM-dd HH:mm:ss", or Unix seconds or milliseconds as a number or a string. The store barely uses these
/// fields, so one it cannot read becomes null instead of making the whole event unreadable.
/// </summary>
public sealed class LenientTimestampConverter : JsonConverter<DateTimeOffset?>
{
    /// <summary>From here on a Unix time is in milliseconds: 10^11 seconds is the year 5138.</summary>
    private const double MillisecondsFrom = 1e11;

    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDouble(out var number):
                return FromUnix(number);
            case JsonTokenType.String:
                return Parse(reader.GetString());
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } at) writer.WriteStringValue(at);
        else writer.WriteNullValue();
    }

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return FromUnix(number);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
    }

    private static DateTimeOffset? FromUnix(double value)
    {
        var seconds = Math.Abs(value) >= MillisecondsFrom ? value / 1000 : value;
        return seconds is >= 0 and <= 253402300799 ? DateTimeOffset.UnixEpoch.AddSeconds(Math.Floor(seconds)) : null;
    }
}
