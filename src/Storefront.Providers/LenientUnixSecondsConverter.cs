using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers;

/// <summary>The same leniency for fields the store keeps as Unix seconds.</summary>
public sealed class LenientUnixSecondsConverter : JsonConverter<long?>
{
    private static readonly LenientTimestampConverter Timestamp = new();

    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Timestamp.Read(ref reader, typeof(DateTimeOffset?), options)?.ToUnixTimeSeconds();

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } seconds) writer.WriteNumberValue(seconds);
        else writer.WriteNullValue();
    }
}
