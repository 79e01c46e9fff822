using System.Text.Json.Nodes;
using Storefront.Providers;
using Storefront.Providers.PressOne;
using Storefront.Domain;

namespace Storefront.Sandbox.PressOne;

/// <summary>
/// An answer other than 200, with the Airalo v2 body for it (docs/providers/pressone.md §3.2 "Errors").
/// </summary>
public sealed class PressOneSimulatorException(int status, JsonNode body, string message) : Exception(message)
{
    public const string AuthenticationFailed =
        "Authentication failed. This could be due to an expired token, please generate a new token. If the issue persists, verify your client_id and client_secret are correct.";

    public int Status { get; } = status;
    public JsonNode Body { get; } = body;
    public int? RetryAfterSeconds { get; init; }
    public int? RateLimit { get; init; }

    /// <summary>422 <c>{"data": {field: message}, "meta": {"message": "the parameter is invalid"}}</c>.</summary>
    public static PressOneSimulatorException Validation(JsonObject fields) =>
        new(422, new JsonObject { ["data"] = fields, ["meta"] = Meta("the parameter is invalid") },
            string.Join("; ", fields.Select(f => $"{f.Key}: {f.Value}")));

    public static PressOneSimulatorException Validation(string field, string message) => Validation(new JsonObject { [field] = message });

    /// <summary>422 <c>{"code": n, "reason": …}</c>.</summary>
    public static PressOneSimulatorException Business(int code, string reason, int status = 422) =>
        new(status, new JsonObject { ["code"] = code, ["reason"] = reason }, reason);

    public static PressOneSimulatorException NotFound() =>
        new(404, new JsonObject { ["data"] = new JsonArray(), ["meta"] = Meta("messages.resource_not_found") }, "Not found.");

    public static PressOneSimulatorException Unauthenticated(string message = AuthenticationFailed) =>
        new(401, new JsonObject { ["data"] = new JsonArray(), ["meta"] = Meta(message) }, message);

    public static PressOneSimulatorException TooManyAttempts(int retryAfterSeconds, int limit) =>
        new(429, new JsonObject { ["message"] = "Too Many Attempts." }, "Too Many Attempts.")
        {
            RetryAfterSeconds = Math.Max(1, retryAfterSeconds),
            RateLimit = limit,
        };

    public static JsonObject Meta(string message) => new() { ["message"] = message };
}

internal sealed class SimOrder
{
    public required long Id { get; init; }
    public required string Code { get; init; }
    public required string Type { get; init; }
    public required string PackageId { get; init; }
    public required string PackageTitle { get; init; }
    public required int Quantity { get; init; }
    public required string Description { get; init; }
    public required decimal Price { get; init; }
    public required decimal? NetPrice { get; init; }
    public required decimal Charged { get; init; }
    public required string PricingModel { get; init; }
    public required int Validity { get; init; }
    public required string Data { get; init; }
    public int? Voice { get; init; }
    public int? Text { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public List<string> Iccids { get; } = [];
    /// <summary>The eSIM a top-up went to.</summary>
    public string? TopUpIccid { get; init; }
}

internal sealed class SimCard
{
    public required long Id { get; init; }
    public required string Iccid { get; init; }
    public required string MatchingId { get; init; }
    public required long OrderId { get; init; }
    public required string BasePackageId { get; init; }
    public required FixtureOperator Operator { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ActivatedAt { get; set; }
    public bool Recycled { get; set; }
    public DateTimeOffset? RecycledAt { get; set; }
    public int TopUps { get; set; }
    public List<SimBucket> Buckets { get; } = [];
    public (JsonObject Body, DateTimeOffset At)? CachedUsage { get; set; }
    public Queue<DateTimeOffset> UsageCalls { get; } = new();
    public DateTimeOffset? LastHistoryCall { get; set; }
}

/// <summary>
/// One purchased package on an eSIM, with its own data and validity (docs/providers/pressone.md §3.3.13).
/// </summary>
internal sealed class SimBucket
{
    public required long Id { get; init; }
    public required FixturePackage Package { get; init; }
    public string Status { get; set; } = PressOneUsageStatus.NotActive;
    public long RemainingMb { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
    public DateTimeOffset? ExpiredAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
