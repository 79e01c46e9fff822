using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Storefront.Sandbox.Payments;

/// <summary>
/// Test-control routes under /_sim: not part of Stripe. They let tests pay or cancel without a browser, inspect
/// webhook attempts, resend events and inject faults.
/// </summary>
internal static class SimulatorControlEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void Map(IEndpointRouteBuilder routes)
    {
        var control = routes.MapGroup("/_sim");
        control.MapPost("/checkout/{id}/pay", http => PayAsync(http));
        control.MapPost("/checkout/{id}/cancel", http => CancelAsync(http));
        control.MapGet("/webhooks/attempts", http => AttemptsAsync(http));
        control.MapGet("/events", http => EventsAsync(http));
        control.MapPost("/events/{id}/resend", http => ResendAsync(http));
        control.MapGet("/faults", http => WriteAsync(http, State(http).Faults.Pending()));
        control.MapPost("/faults", http => AddFaultAsync(http));
        control.MapDelete("/faults", http =>
        {
            State(http).Faults.Clear();
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Does what the hosted form does. Fields: card, email, and optionally name, expiry (default: a future date),
    /// cvc (default 123) and three_ds=complete|fail for cards that ask for authentication.
    /// </summary>
    private static async Task PayAsync(HttpContext http)
    {
        var state = State(http);
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
        var now = state.Time.GetUtcNow();
        string? expiry = form["expiry"];
        string? cvc = form["cvc"];
        var (card, invalid) = TestCards.Read(form["card"], expiry ?? $"12/{now.Year + 5}", cvc ?? "123", form["name"], now);
        if (card is null)
        {
            await WriteAsync(http, new PayResponse(PaymentResult.Invalid, null, new PayError(null, null, invalid!.Message, invalid.Field)), StatusCodes.Status400BadRequest);
            return;
        }

        bool? authenticated = form["three_ds"].ToString() switch
        {
            "complete" => true,
            "fail" => false,
            _ => null,
        };
        var outcome = state.Pay(Id(http), card, form["email"], authenticated);
        var error = outcome.Message is null || outcome.Result == PaymentResult.Succeeded
            ? null
            : new PayError(outcome.Code, outcome.DeclineCode, outcome.Message, null);
        var status = outcome.Result switch
        {
            PaymentResult.NotFound => StatusCodes.Status404NotFound,
            PaymentResult.NotOpen => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status200OK,
        };
        await WriteAsync(http, new PayResponse(outcome.Result, outcome.RedirectUrl, error), status);
    }

    /// <summary>The customer follows the Back link; the session stays open.</summary>
    private static Task CancelAsync(HttpContext http)
    {
        var state = State(http);
        var id = Id(http);
        return state.GetPage(id) is null
            ? WriteAsync(http, new { error = "No such checkout session." }, StatusCodes.Status404NotFound)
            : WriteAsync(http, new { cancel_url = state.CancelUrl(id) });
    }

    private static Task AttemptsAsync(HttpContext http)
    {
        string? eventId = http.Request.Query["event_id"];
        var attempts = State(http).WebhookAttempts().Where(a => eventId is null || a.EventId == eventId).ToList();
        return WriteAsync(http, attempts);
    }

    private static Task EventsAsync(HttpContext http)
    {
        string? type = http.Request.Query["type"];
        var events = State(http).Events(type);
        return WriteAsync(http, new JsonArray([.. events]));
    }

    private static Task ResendAsync(HttpContext http) =>
        State(http).Resend(Id(http))
            ? WriteAsync(http, new { resent = true }, StatusCodes.Status202Accepted)
            : WriteAsync(http, new { error = "No such event, or no webhook URL is configured." }, StatusCodes.Status404NotFound);

    private static async Task AddFaultAsync(HttpContext http)
    {
        SimulatorFault? fault;
        try
        {
            fault = await http.Request.ReadFromJsonAsync<SimulatorFault>(Json, http.RequestAborted);
        }
        catch (JsonException ex)
        {
            await WriteAsync(http, new { error = ex.Message }, StatusCodes.Status400BadRequest);
            return;
        }
        if (fault is null || fault.Count < 1)
        {
            await WriteAsync(http, new { error = "Send {\"path\", \"effect\", \"count\" ≥ 1, …}." }, StatusCodes.Status400BadRequest);
            return;
        }
        State(http).Faults.Add(fault);
        await WriteAsync(http, fault, StatusCodes.Status201Created);
    }

    private static StripeSimulatorState State(HttpContext http) => http.RequestServices.GetRequiredService<StripeSimulatorState>();

    private static string Id(HttpContext http) => (string)http.GetRouteValue("id")!;

    private static Task WriteAsync<T>(HttpContext http, T value, int status = StatusCodes.Status200OK)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(value, Json, http.RequestAborted);
    }

    private sealed record PayResponse(PaymentResult Outcome, string? RedirectUrl, PayError? Error);

    private sealed record PayError(string? Code, string? DeclineCode, string? Message, string? Field);
}
