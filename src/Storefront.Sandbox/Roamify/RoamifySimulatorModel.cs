using System.Text.Json.Nodes;
using Storefront.Providers;
using Storefront.Providers.Roamify;
using Storefront.Domain;

namespace Storefront.Sandbox.Roamify;

/// <summary>An error the simulator answers with, in Roamify's shape: <c>{"status":"failed","message":…}</c> or Joi's <c>{"error":…}</c>.</summary>
public sealed class RoamifySimulatorException(int status, JsonObject body, string message) : Exception(message)
{
    public int Status { get; } = status;
    public JsonObject Body { get; } = body;
    public int? RetryAfterSeconds { get; init; }

    public static RoamifySimulatorException Failed(int status, string message) =>
        new(status, new JsonObject { ["status"] = "failed", ["message"] = message }, message);

    /// <summary>
    /// Request validation as observed: 400 <c>{"error":"\"items\" is required"}</c> (docs/providers/roamify.md §2.2).
    /// </summary>
    public static RoamifySimulatorException Joi(string message) => new(400, new JsonObject { ["error"] = message }, message);

    public static RoamifySimulatorException NotFound(string what) => Failed(404, $"{what} not found");
}

internal sealed class RoamifySimOrder
{
    public required string Id { get; init; }
    public required long Seq { get; init; }
    public string? ReferenceId { get; init; }
    public required string Kind { get; init; }
    public string Status { get; set; } = RoamifyOrderStatus.Completed;
    public required decimal Total { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required List<RoamifySimOrderItem> Items { get; init; }
    /// <summary>An instant order answers with its eSIMs instead of its items.</summary>
    public bool Instant { get; init; }
}

internal sealed record RoamifySimOrderItem(string EsimId, string PackageId, string Package, string Type, decimal Price, DateTimeOffset CreatedAt);

internal sealed class RoamifySimEsim
{
    public required string EsimId { get; init; }
    public required long Seq { get; init; }
    public required string OrderId { get; init; }
    public string? ReferenceId { get; init; }
    public required RoamifySimGroup Group { get; init; }
    public required RoamifySimPackage Package { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>NEW, READY, INSTALLED, REVOKED or EXPIRED: what the eSIM object and usage show.</summary>
    public string Status { get; set; } = RoamifyEsimStatus.New;
    /// <summary>The device-side state the events and status webhooks report (adds ACTIVATED, INACTIVE, DELETED).</summary>
    public string DeviceStatus { get; set; } = RoamifyEsimStatus.New;
    /// <summary>Set by apply; the profile exists once the clock reaches it.</summary>
    public DateTimeOffset? ProfileReadyAt { get; set; }
    public bool Charged { get; set; }
    public string? Iccid { get; set; }
    public string? MatchingId { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? ExpiredAt { get; set; }
    /// <summary>Days of validity the first use starts: the package's plus top-ups bought before activation.</summary>
    public int ValidityDays { get; set; }
    public decimal AllowedMb { get; set; }
    public decimal RemainingMb { get; set; }
    public decimal UsedMb { get; set; }
    public int NotifiedPercent { get; set; }
    public DateTimeOffset LastUsageReportAt { get; set; }
    public List<RoamifySimOrderItem> History { get; } = [];
    public List<(DateTimeOffset At, string Status)> Events { get; } = [];
    public List<(DateOnly Date, decimal Mb, string Location)> Usage { get; } = [];

    public bool HasProfile => Iccid is not null;
    public bool IsUnlimited => Package.IsUnlimited;
}

internal sealed record RoamifySimEvent(string Category, string Type, DateTimeOffset At, string Body);

internal sealed class RoamifySimDelivery
{
    public required string Id { get; init; }
    public required string Url { get; init; }
    public required string Category { get; init; }
    public required string Type { get; init; }
    public required string Body { get; init; }
    public required string Signature { get; init; }
    public string Status { get; set; } = "pending";
    public bool InFlight { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public List<RoamifySimAttempt> Attempts { get; } = [];
}

internal sealed record RoamifySimAttempt(DateTimeOffset At, int? StatusCode, string? Error);
