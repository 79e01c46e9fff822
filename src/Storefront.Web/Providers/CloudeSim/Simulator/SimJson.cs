using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.CloudeSim.Simulator;

/// <summary>Reads request bodies by hand so that bad input gets a CloudeSIM error body, not a framework error.</summary>
internal static class SimJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement.Clone();

    public static async Task<JsonElement> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return Empty;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.Clone()
                : throw CloudeSimSimulatorException.Validation("The body must be a JSON object");
        }
        catch (JsonException)
        {
            throw CloudeSimSimulatorException.Validation("The body is not valid JSON");
        }
    }

    public static JsonElement? Prop(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? Str(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        _ => throw CloudeSimSimulatorException.Validation($"{name} must be a string"),
    };

    public static decimal? Dec(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetDecimal(out var d) => d,
        _ => throw CloudeSimSimulatorException.Validation($"{name} must be a number"),
    };

    public static int? Int(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var i) => i,
        _ => throw CloudeSimSimulatorException.Validation($"{name} must be an integer"),
    };

    public static bool? Bool(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw CloudeSimSimulatorException.Validation($"{name} must be true or false"),
    };
}
