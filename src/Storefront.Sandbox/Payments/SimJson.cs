using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Storefront.Sandbox.Payments;

internal static class SimJson
{
    /// <summary>Stripe pretty-prints its JSON and does not escape '&amp;' or '/' in URLs.</summary>
    private static readonly JsonSerializerOptions Writing = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Serialize(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Writing);

    public static JsonObject Map(IReadOnlyDictionary<string, string> map)
    {
        var json = new JsonObject();
        foreach (var (key, value) in map)
            json[key] = value;
        return json;
    }

    public static JsonObject List(IEnumerable<JsonNode> data, string url, bool hasMore = false)
    {
        var items = new JsonArray([.. data]);
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = items,
            ["has_more"] = hasMore,
            ["total_count"] = items.Count,
            ["url"] = url,
        };
    }
}
