using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.PressOne.Simulator;

/// <summary>
/// Reads request bodies as the API takes them: multipart form data, urlencoded or JSON (notes §3.2 "Request bodies"),
/// by hand, so that bad input gets the 422 validation body, not a framework error.
/// </summary>
internal static class PressOneSimRequest
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>The body's fields as strings (JSON numbers and booleans as their text).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> FormAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        }
        var body = await JsonAsync(request);
        return body.EnumerateObject()
            .Where(p => p.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array))
            .ToDictionary(p => p.Name, p => p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Number => p.Value.GetRawText(),
                _ => p.Value.GetRawText().ToLower(CultureInfo.InvariantCulture),
            }, StringComparer.Ordinal);
    }

    public static async Task<JsonElement> JsonAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return Empty;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.Clone()
                : throw PressOneSimulatorException.Validation("body", "The body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw PressOneSimulatorException.Validation("body", "The body is not valid JSON.");
        }
    }
}
