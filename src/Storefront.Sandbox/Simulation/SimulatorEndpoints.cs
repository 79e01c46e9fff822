using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Storefront.Sandbox.Simulation;

/// <summary>What every simulator does the same way: its fault and clock controls, and faults on its provider calls.</summary>
public static class SimulatorEndpoints
{
    /// <summary>
    /// <c>GET|POST|DELETE faults</c>: list the rules, add one (<c>{path, method?, kind, count?, status?, latency_ms?}</c>,
    /// its keys named by <paramref name="names"/>, the provider's JSON convention), clear rules, latency and error rate.
    /// </summary>
    public static RouteGroupBuilder MapFaultControls<TState>(this RouteGroupBuilder sim, Func<TState, FaultInjector> faults,
        JsonNamingPolicy names) where TState : notnull
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = names,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        var shape = $"{{path, method?, kind, count?, status?, {names.ConvertName(nameof(FaultRule.LatencyMs))}?}}";

        FaultInjector Faults(HttpContext http) => faults(http.RequestServices.GetRequiredService<TState>());

        sim.MapGet("faults", (HttpContext http) => Results.Json(List(Faults(http), json)));
        sim.MapPost("faults", async (HttpRequest request) =>
        {
            var body = await SimBody.ReadAsync(request);
            FaultRule rule;
            try
            {
                rule = body.Deserialize<FaultRule>(json)!;
            }
            catch (JsonException)
            {
                throw new SimInputException(null, $"A fault is {shape}");
            }
            if (rule.Kind is not (FaultKinds.Error or FaultKinds.Hang or FaultKinds.LostResponse or FaultKinds.Latency))
                throw new SimInputException("kind", "must be error, hang, lost_response or latency");
            if (rule.Kind == FaultKinds.Error && rule.Status is < 400 or > 599)
                throw new SimInputException("status", "must be an HTTP error status");
            if (rule.Count is <= 0) throw new SimInputException("count", "must be positive");
            Faults(request.HttpContext).Add(rule);
            return Results.Json(List(Faults(request.HttpContext), json), statusCode: 201);
        });
        sim.MapDelete("faults", (HttpContext http) =>
        {
            Faults(http).Clear();
            return Results.NoContent();
        });
        return sim;
    }

    /// <summary>
    /// <c>GET clock</c> and <c>POST clock/advance {seconds|minutes|hours|days}</c>, both answering the clock as
    /// <paramref name="describe"/> shows it (each provider writes times its own way).
    /// </summary>
    public static RouteGroupBuilder MapClockControls<TState>(this RouteGroupBuilder sim, Func<TState, SimulatorClock> clock,
        Func<SimulatorClock, JsonObject> describe) where TState : notnull
    {
        SimulatorClock Clock(HttpContext http) => clock(http.RequestServices.GetRequiredService<TState>());

        sim.MapGet("clock", (HttpContext http) => Results.Json(describe(Clock(http))));
        sim.MapPost("clock/advance", async (HttpRequest request) =>
        {
            var body = await SimBody.ReadAsync(request);
            var by = TimeSpan.FromSeconds((double)(SimBody.Dec(body, "seconds") ?? 0))
                     + TimeSpan.FromMinutes((double)(SimBody.Dec(body, "minutes") ?? 0))
                     + TimeSpan.FromHours((double)(SimBody.Dec(body, "hours") ?? 0))
                     + TimeSpan.FromDays((double)(SimBody.Dec(body, "days") ?? 0));
            if (by <= TimeSpan.Zero) throw new SimInputException(null, "Give a positive seconds, minutes, hours or days");
            Clock(request.HttpContext).Advance(by);
            return Results.Json(describe(Clock(request.HttpContext)));
        });
        return sim;
    }

    /// <summary>The call's path below the simulator's base path, as fault rules name it: "esim/provision".</summary>
    public static string CallPath(HttpRequest request, string basePath)
    {
        var path = request.Path.Value ?? "";
        if (path.StartsWith(basePath, StringComparison.OrdinalIgnoreCase)) path = path[basePath.Length..];
        return path.Trim('/');
    }

    /// <summary>
    /// The fault part of a simulator's gate: waits the added latency, then plays the call's fault, if any. An error is
    /// answered with <paramref name="errorAnswer"/>(status) without doing the work. A lost response does the work,
    /// sends the status line and <paramref name="lostResponseStart"/> (the start of a plausible answer), then resets
    /// the connection: the client has seen a response begin, so it cannot silently resend, but never gets the answer.
    /// <typeparamref name="TProviderError"/> is the simulator's error: a lost response drops it like any answer.
    /// </summary>
    public static async ValueTask<object?> ApplyFaultsAsync<TProviderError>(this FaultInjector faults,
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, string path,
        Func<int, IResult> errorAnswer, string lostResponseStart) where TProviderError : Exception
    {
        var http = context.HttpContext;
        var (latencyMs, fault) = faults.Next(http.Request.Method, path);
        if (latencyMs > 0) await Task.Delay(latencyMs, http.RequestAborted);

        switch (fault?.Kind)
        {
            case FaultKinds.Error:
                return errorAnswer(fault.Status);

            case FaultKinds.Hang:
                try { await Task.Delay(faults.HangFor, http.RequestAborted); }
                catch (OperationCanceledException) { }
                http.Abort();
                return Results.Empty;

            case FaultKinds.LostResponse:
                try { await next(context); }
                catch (Exception e) when (e is TProviderError or SimInputException) { }
                http.Response.StatusCode = 200;
                http.Response.ContentType = "application/json";
                http.Response.ContentLength = 1024;
                await http.Response.WriteAsync(lostResponseStart);
                await http.Response.Body.FlushAsync();
                http.Abort();
                return Results.Empty;

            default:
                return await next(context);
        }
    }

    private static JsonArray List(FaultInjector faults, JsonSerializerOptions json) =>
        new(faults.Snapshot().Select(f => JsonSerializer.SerializeToNode(f, json)).ToArray());
}
