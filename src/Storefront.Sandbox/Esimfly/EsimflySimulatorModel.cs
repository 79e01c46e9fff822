using System.Text.Json;
using System.Text.Json.Nodes;
using Storefront.Providers;
using Storefront.Providers.Esimfly;
using Storefront.Domain;

namespace Storefront.Sandbox.Esimfly;

/// <summary>
/// An error the simulator answers with. eSIMfly's error bodies differ by endpoint (docs/providers/esimfly.md §1.4):
/// auth and lists use <c>error</c>, orders use <c>message</c>, top-ups both, and the usage query has no <c>success</c>
/// key at all.
/// </summary>
public sealed class EsimflySimulatorException(int status, JsonObject body)
    : Exception((string?)body["error"] ?? (string?)body["message"])
{
    public int Status { get; } = status;
    public JsonObject Body { get; } = body;
    public int? RetryAfterSeconds { get; init; }

    public static EsimflySimulatorException Api(int status, string? code, string error, string? message = null) =>
        new(status, Envelope(new JsonObject { ["error"] = error, ["message"] = message }, code));

    public static EsimflySimulatorException Order(int status, string code, string message, JsonObject? extra = null)
    {
        var body = new JsonObject { ["message"] = message };
        foreach (var (key, value) in extra ?? []) body[key] = value?.DeepClone();
        return new(status, Envelope(body, code));
    }

    public static EsimflySimulatorException Usage(int status, string error, string message) =>
        new(status, new JsonObject { ["error"] = error, ["message"] = message });

    private static JsonObject Envelope(JsonObject fields, string? code)
    {
        var body = new JsonObject { ["success"] = false };
        foreach (var (key, value) in fields)
            if (value is not null) body[key] = value.DeepClone();
        if (code is not null) body["code"] = code;
        return body;
    }
}

internal sealed class SimEsim
{
    public required long Id { get; init; }
    public required string Iccid { get; init; }
    public required string MatchingId { get; init; }
    public required string OrderReference { get; init; }
    public required SimPackage Package { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public long TotalMb { get; set; }
    public long UsedMb { get; set; }
    public bool Unlimited => Package.Unlimited;
    public string Status { get; set; } = EsimflyEsimStatus.New;
    public string ProfileStatus { get; set; } = "nodownload";
    /// <summary>Depleted, then expired: shown as EXPIRED but still top-up-able, like upstream's USED_EXPIRED.</summary>
    public bool UsedExpired { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public long RemainingMb => Unlimited ? 0 : Math.Max(0, TotalMb - UsedMb);
    public string Lpa => $"LPA:1${EsimflySimulatorState.SmdpAddress}${MatchingId}";
}

internal sealed class SimOrder
{
    public required long Id { get; init; }
    public required string Reference { get; init; }
    public required bool IsTopUp { get; init; }
    public required string PackageCode { get; init; }
    public required string PackageName { get; init; }
    public required string FlagUrl { get; init; }
    public required int Quantity { get; init; }
    public required decimal Amount { get; init; }
    public required decimal Profit { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Status { get; set; } = EsimflyOrderStatus.Completed;
    /// <summary>When a pending (asynchronous) order gets its eSIMs.</summary>
    public DateTimeOffset? ReadyAt { get; set; }
    public List<string> Iccids { get; } = [];
}

/// <summary>
/// Reads the provider API's request bodies by hand. Unlike <see cref="Simulation.SimBody"/> (used for the __sim
/// controls), a blank or wrong-typed field reads as missing: eSIMfly answers those with each endpoint's own error code
/// (MISSING_PACKAGE_CODE, MISSING_FIELDS…), not with a type error.
/// </summary>
internal static class EsimflySimBody
{
    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement.Clone();

    public static JsonElement Parse(byte[] body, Func<string, EsimflySimulatorException> invalid)
    {
        if (body.Length == 0) return Empty;
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : throw invalid("The body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw invalid("The body is not valid JSON.");
        }
    }

    public static string? Str(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s.Trim() : null;

    public static decimal? Dec(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) ? d : null;

    /// <summary>An integer, null when absent, and <see cref="int.MinValue"/> when present but not an integer.</summary>
    public static int? Int(JsonElement body, string name) => body.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
        ? v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : int.MinValue
        : null;

    public static int Query(string? value, int fallback) => int.TryParse(value, out var n) ? n : fallback;
}
