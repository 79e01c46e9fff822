using System.Globalization;
using System.Text.Json;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.PressOne;
using Storefront.Domain;

namespace Storefront.Sandbox.PressOne;

/// <summary>
/// Reads request bodies as the API takes them: multipart form data, urlencoded or JSON (docs/providers/pressone.md §3.2
/// "Request bodies"), by hand, so that bad input gets the 422 validation body, not a framework error.
/// </summary>
internal static class PressOneSimRequest
{
    /// <summary>The body's fields as strings (JSON numbers and booleans as their text).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> FormAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        }
        var body = await SimBody.ReadAsync(request);
        return body.EnumerateObject()
            .Where(p => p.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array))
            .ToDictionary(p => p.Name, p => p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Number => p.Value.GetRawText(),
                _ => p.Value.GetRawText().ToLower(CultureInfo.InvariantCulture),
            }, StringComparer.Ordinal);
    }
}
