using System.Text.Json;

namespace Storefront.Sandbox.Simulation;

/// <summary>
/// Reads simulator request bodies by hand, so that bad input gets the provider's own validation error (through
/// <see cref="SimInputException"/>), not a framework error. Absent and JSON null fields both read as null.
/// </summary>
public static class SimBody
{
    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>The body as a JSON object; an empty body is <c>{}</c>.</summary>
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
                : throw new SimInputException(null, "The body must be a JSON object");
        }
        catch (JsonException)
        {
            throw new SimInputException(null, "The body is not valid JSON");
        }
    }

    public static JsonElement? Prop(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static bool Has(JsonElement body, string name) => Prop(body, name) is not null;

    public static string? Str(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        _ => throw new SimInputException(name, "must be a string"),
    };

    public static decimal? Dec(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetDecimal(out var d) => d,
        _ => throw new SimInputException(name, "must be a number"),
    };

    public static long? Long(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var l) => l,
        _ => throw new SimInputException(name, "must be an integer"),
    };

    public static int? Int(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var i) => i,
        _ => throw new SimInputException(name, "must be an integer"),
    };

    public static bool? Bool(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw new SimInputException(name, "must be true or false"),
    };

    public static IReadOnlyList<string>? StrArray(JsonElement body, string name) => Prop(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Array } v when v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
            v.EnumerateArray().Select(e => e.GetString()!).ToList(),
        _ => throw new SimInputException(name, "must be an array of strings"),
    };
}
