using System.Text.Json.Nodes;
using Storefront.Providers;
using Storefront.Providers.Citrus;
using Storefront.Domain;

namespace Storefront.Sandbox.Citrus;

/// <summary>A Citrus-shaped error the simulator answers with: <c>{"error": Code, "message": Message}</c>.</summary>
public sealed class CitrusSimulatorException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public int? RetryAfterSeconds { get; init; }

    public static CitrusSimulatorException Validation(string message) => new(400, CitrusErrorCodes.ValidationError, message);
}

/// <summary>Money is kept in integer micro-USD (docs/providers/common.md §4).</summary>
internal static class Micro
{
    public const long PerUsd = 1_000_000;

    public static long From(decimal usd) => (long)decimal.Round(usd * PerUsd, 0, MidpointRounding.AwayFromZero);
    public static decimal ToUsd(long micro) => micro / (decimal)PerUsd;
    public static long FloorCents(long micro) => micro / 10_000 * 10_000;
    public static decimal FloorCentsUsd(long micro) => ToUsd(FloorCents(micro));
    public static decimal RoundCentsUsd(long micro) => decimal.Round(ToUsd(micro), 2, MidpointRounding.AwayFromZero);
}

internal sealed class SimEsim
{
    public required long Seq { get; init; }
    public required string Id { get; init; }
    public required string Iccid { get; init; }
    public required string Lpa { get; init; }
    public required string QrCode { get; init; }
    public required string InstallUrl { get; init; }
    public string? EndUserReference { get; init; }
    public string? Label { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Status { get; set; } = CitrusEsimStatus.Pending;
    /// <summary>What <c>enable</c> goes back to.</summary>
    public string? SuspendedFrom { get; set; }
    public bool SuspendedByDepletion { get; set; }
    public string EuiccState { get; set; } = "RELEASED";
    public DateTimeOffset? ActivatedAt { get; set; }
    public string Speed { get; set; } = "NO_LIMIT";
    /// <summary>The real wallet, in /rates prices (the retail model's rounding is applied when funds are credited).</summary>
    public long WalletMicro { get; set; }
    public long ChargedMicro { get; set; }
    public long ReportedWalletMicro { get; set; }
    public long ReportedChargedMicro { get; set; }
    public DateTimeOffset LastReportAt { get; set; }
    public DateTimeOffset ReportPausedUntil { get; set; }
    /// <summary>The network has cut data because the wallet is empty.</summary>
    public bool DataCut { get; set; }
    public bool DepletedNotified { get; set; }
    /// <summary>esim.balance_low fires once per arming; a fund to $5 or more re-arms it.</summary>
    public bool LowArmed { get; set; }
    public SimDefund? Defund { get; set; }
}

internal sealed record SimDefund(DateTimeOffset SettlesAt, long EstimateMicro);

internal sealed class SimWebhook
{
    public required string Id { get; init; }
    public required string Secret { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Url { get; set; }
    public required IReadOnlyList<string> Events { get; set; }
    public bool Active { get; set; } = true;
    public int ConsecutiveFailures { get; set; }

    public bool Wants(string name) => Events.Contains(name) || Events.Contains(CitrusEvents.All);

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["url"] = Url,
        ["events"] = new JsonArray(Events.Select(e => (JsonNode?)e).ToArray()),
        ["active"] = Active,
        ["created_at"] = CitrusSimulatorState.Iso(CreatedAt),
    };
}

internal sealed record SimEvent(string Id, string Name, DateTimeOffset CreatedAt, string Body);

internal sealed class SimDelivery
{
    public required string Id { get; init; }
    public required string WebhookId { get; init; }
    public required string EventId { get; init; }
    public required string Event { get; init; }
    public required string Body { get; init; }
    public required string Signature { get; init; }
    public bool IsTest { get; init; }
    public string Status { get; set; } = "pending";
    public bool InFlight { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public List<SimAttempt> Attempts { get; } = [];
}

internal sealed record SimAttempt(DateTimeOffset At, int? StatusCode, string? Error);
