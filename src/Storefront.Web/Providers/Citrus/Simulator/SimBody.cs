using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Citrus.Simulator;

/// <summary>Reads request bodies by hand so that bad input gets Citrus's 400 VALIDATION_ERROR, not a framework error.</summary>
internal static class SimBody
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
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
                : throw CitrusSimulatorException.Validation("The body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw CitrusSimulatorException.Validation("The body is not valid JSON.");
        }
    }

    public static JsonElement? Prop(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static bool Has(JsonElement body, string name) => Prop(body, name) is not null;

    public static string? Str(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        _ => throw CitrusSimulatorException.Validation($"{name} must be a string."),
    };

    public static decimal? Dec(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetDecimal(out var d) => d,
        _ => throw CitrusSimulatorException.Validation($"{name} must be a number."),
    };

    public static long? Long(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var l) => l,
        _ => throw CitrusSimulatorException.Validation($"{name} must be an integer."),
    };

    public static int? Int(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var i) => i,
        _ => throw CitrusSimulatorException.Validation($"{name} must be an integer."),
    };

    public static bool? Bool(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw CitrusSimulatorException.Validation($"{name} must be true or false."),
    };

    public static IReadOnlyList<string>? StrArray(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Array } v when v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
            v.EnumerateArray().Select(e => e.GetString()!).ToList(),
        _ => throw CitrusSimulatorException.Validation($"{name} must be an array of strings."),
    };
}
