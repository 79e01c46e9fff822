using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Storefront.Providers.CloudeSim.Simulator;

public static class CloudeSimSimulatorEndpoints
{
    /// <summary>
    /// Maps CloudeSIM API v1 under <paramref name="prefix"/> with the same relative paths as the real base URL (so the
    /// real client only changes its base address), and test controls under <c>{prefix}/__sim/</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapCloudeSimSimulator(this IEndpointRouteBuilder app, string prefix)
    {
        var basePath = "/" + prefix.Trim('/');
        var api = app.MapGroup(basePath)
            .AddEndpointFilter((ctx, next) => ErrorBody(ctx, next, api: true))
            .AddEndpointFilter((ctx, next) => Gate(ctx, next, basePath));
        MapProviderApi(api, basePath);
        MapControl(app.MapGroup(basePath + "/__sim").AddEndpointFilter((ctx, next) => ErrorBody(ctx, next, api: false)));
        return app;
    }


    private static void MapProviderApi(RouteGroupBuilder api, string basePath)
    {
        api.MapGet("account/balance", (CloudeSimSimulatorState state) => Json(state.Balance()));
        api.MapPost("packages", async (HttpRequest request, CloudeSimSimulatorState state) =>
        {
            var body = await SimJson.ReadAsync(request);
            return Json(state.Packages(SimJson.Str(body, "locationCode"), SimJson.Str(body, "type"), SimJson.Str(body, "packageCode"),
                SimJson.Str(body, "iccid")));
        });
        api.MapPost("esim/order", async (HttpRequest request, CloudeSimSimulatorState state) =>
        {
            var body = await SimJson.ReadAsync(request);
            var qrBase = $"{request.Scheme}://{request.Host}{request.PathBase}{basePath}/__sim/qr/";
            return Json(state.Order(SimJson.Str(body, "packageCode"), SimJson.Prop(body, "quantity"), SimJson.Str(body, "iccid"), qrBase));
        });
        api.MapPost("esim/query", async (HttpRequest request, CloudeSimSimulatorState state) =>
        {
            var body = await SimJson.ReadAsync(request);
            return Json(state.Query(SimJson.Str(body, "iccid"), SimJson.Str(body, "orderNo")));
        });
        api.MapPost("esim/topup", async (HttpRequest request, CloudeSimSimulatorState state) =>
        {
            var body = await SimJson.ReadAsync(request);
            return Json(state.TopUp(SimJson.Str(body, "iccid"), SimJson.Str(body, "packageCode"), SimJson.Prop(body, "quantity")));
        });
        api.MapPost("esim/cancel", async (HttpRequest request, CloudeSimSimulatorState state) =>
        {
            var body = await SimJson.ReadAsync(request);
            return Json(state.Cancel(SimJson.Str(body, "iccid"), SimJson.Str(body, "esimTranNo")));
        });
    }

    private static void MapControl(RouteGroupBuilder sim)
    {
        sim.MapGet("state", (CloudeSimSimulatorState state) => Json(state.Snapshot()));
        sim.MapGet("settings", (CloudeSimSimulatorState state) => Json(state.Settings()));
        sim.MapPost("settings", async (HttpRequest request, CloudeSimSimulatorState state) =>
            Json(state.UpdateSettings(await SimJson.ReadAsync(request))));
        sim.MapPost("reset", (CloudeSimSimulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });

        sim.MapPost("account/balance", async (HttpRequest request, CloudeSimSimulatorState state) =>
            Json(state.SetBalance(SimJson.Dec(await SimJson.ReadAsync(request), "balance")
                                  ?? throw CloudeSimSimulatorException.Validation("balance is required"))));

        sim.MapPost("esim/{iccid}/usage", async (string iccid, HttpRequest request, CloudeSimSimulatorState state) =>
            Json(state.Usage(iccid, SimJson.Dec(await SimJson.ReadAsync(request), "mb"))));
        sim.MapPost("esim/{iccid}/install", (string iccid, CloudeSimSimulatorState state) => Json(state.Install(iccid)));
        sim.MapPost("esim/{iccid}/suspend", (string iccid, CloudeSimSimulatorState state) => Json(state.Suspend(iccid)));
        sim.MapPost("esim/{iccid}/resume", (string iccid, CloudeSimSimulatorState state) => Json(state.Resume(iccid)));

        sim.MapGet("qr/{file}", (string file, CloudeSimSimulatorState state) =>
            state.QrPng(file.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? file[..^4] : file) is { } png
                ? Results.File(png, "image/png")
                : Results.NotFound());

        sim.MapGet("clock", (CloudeSimSimulatorClock clock) => Json(ClockJson(clock)));
        sim.MapPost("clock/advance", async (HttpRequest request, CloudeSimSimulatorClock clock) =>
        {
            var body = await SimJson.ReadAsync(request);
            var by = TimeSpan.FromSeconds((double)(SimJson.Dec(body, "seconds") ?? 0))
                     + TimeSpan.FromMinutes((double)(SimJson.Dec(body, "minutes") ?? 0))
                     + TimeSpan.FromHours((double)(SimJson.Dec(body, "hours") ?? 0))
                     + TimeSpan.FromDays((double)(SimJson.Dec(body, "days") ?? 0));
            if (by <= TimeSpan.Zero) throw CloudeSimSimulatorException.Validation("Give a positive seconds, minutes, hours or days");
            clock.Advance(by);
            return Json(ClockJson(clock));
        });

        sim.MapGet("faults", (CloudeSimSimulatorState state) => Json(state.Faults()));
        sim.MapPost("faults", async (HttpRequest request, CloudeSimSimulatorState state) =>
        {
            var body = await SimJson.ReadAsync(request);
            CloudeSimFaultRule rule;
            try
            {
                rule = body.Deserialize<CloudeSimFaultRule>(SimJson.Options)!;
            }
            catch (JsonException)
            {
                throw CloudeSimSimulatorException.Validation("A fault is {path, method?, kind, count?, status?, latencyMs?}");
            }
            state.AddFault(rule);
            return Json(state.Faults(), 201);
        });
        sim.MapDelete("faults", (CloudeSimSimulatorState state) =>
        {
            state.ClearFaults();
            return Results.NoContent();
        });
    }

    /// <summary>Auth, then latency and injected faults, for every provider call (a refused call uses up no fault).</summary>
    private static async ValueTask<object?> Gate(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string basePath)
    {
        var http = context.HttpContext;
        var state = http.RequestServices.GetRequiredService<CloudeSimSimulatorState>();
        state.Admit(http.Request.Headers.Authorization);
        var path = http.Request.Path.Value ?? "";
        if (path.StartsWith(basePath, StringComparison.OrdinalIgnoreCase)) path = path[basePath.Length..];
        var (latencyMs, fault) = state.NextFault(http.Request.Method, path.Trim('/'));
        if (latencyMs > 0) await Task.Delay(latencyMs, http.RequestAborted);

        switch (fault?.Kind)
        {
            case CloudeSimFaultKinds.Error:
                return Json(new JsonObject { ["success"] = false, ["errorMsg"] = "Internal server error" }, fault.Status);

            case CloudeSimFaultKinds.Hang:
                try { await Task.Delay(state.HangFor, http.RequestAborted); }
                catch (OperationCanceledException) { }
                http.Abort();
                return Results.Empty;

            case CloudeSimFaultKinds.LostResponse:
                try { await next(context); }
                catch (CloudeSimSimulatorException) { }
                // Send the status line and a piece of the body, then reset: the client has seen a response start (so it
                // cannot silently resend the request) but never gets the answer.
                http.Response.StatusCode = 200;
                http.Response.ContentType = "application/json";
                http.Response.ContentLength = 1024;
                await http.Response.WriteAsync("{\"success\":");
                await http.Response.Body.FlushAsync();
                http.Abort();
                return Results.Empty;

            default:
                return await next(context);
        }
    }

    private static async ValueTask<object?> ErrorBody(EndpointFilterInvocationContext context, EndpointFilterDelegate next, bool api)
    {
        try
        {
            return await next(context);
        }
        catch (CloudeSimSimulatorException e)
        {
            var status = api ? context.HttpContext.RequestServices.GetRequiredService<CloudeSimSimulatorState>().ErrorStatus(e) : e.Status;
            return Json(new JsonObject { ["success"] = false, ["errorMsg"] = e.Message }, status);
        }
    }

    private static JsonObject ClockJson(CloudeSimSimulatorClock clock) => new()
    {
        ["now"] = CloudeSimSimulatorState.Iso(clock.GetUtcNow()),
        ["offsetSeconds"] = clock.Offset.TotalSeconds,
    };

    private static IResult Json(JsonNode node, int status = 200) => Results.Json(node, statusCode: status);
}

public static class CloudeSimSimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the CloudeSIM simulator: <see cref="CloudeSimSimulatorOptions"/> (section "Sandbox:CloudeSim", then
    /// <paramref name="configure"/>), its virtual clock over the app's <see cref="TimeProvider"/> and the in-memory
    /// state. Map the endpoints with <see cref="CloudeSimSimulatorEndpoints.MapCloudeSimSimulator"/>.
    /// </summary>
    public static IServiceCollection AddCloudeSimSimulator(this IServiceCollection services, Action<CloudeSimSimulatorOptions>? configure = null)
    {
        var options = services.AddOptions<CloudeSimSimulatorOptions>().BindConfiguration(CloudeSimSimulatorOptions.Section);
        if (configure is not null) options.Configure(configure);
        options
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApiToken), "Sandbox:CloudeSim:ApiToken must not be empty.")
            .Validate(o => o.StartingBalanceUsd >= 0, "Sandbox:CloudeSim:StartingBalanceUsd must not be negative.")
            .Validate(o => o.ErrorStatus is CloudeSimErrorStatusModes.ByKind or CloudeSimErrorStatusModes.Always200,
                "Sandbox:CloudeSim:ErrorStatus must be by_kind or always_200.")
            .Validate(o => o.StatusNaming is CloudeSimStatusNamings.CloudeSim or CloudeSimStatusNamings.EsimAccess,
                "Sandbox:CloudeSim:StatusNaming must be cloudesim or esimaccess.")
            .Validate(o => o.RemainingVolumeUnit is CloudeSimVolumeUnits.Mb or CloudeSimVolumeUnits.Bytes,
                "Sandbox:CloudeSim:RemainingVolumeUnit must be MB or bytes.")
            .Validate(o => o.AllocationDelay >= TimeSpan.Zero, "Sandbox:CloudeSim:AllocationDelay must not be negative.")
            .ValidateOnStart();

        services.TryAddSingleton(sp => new CloudeSimSimulatorClock(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton<CloudeSimSimulatorState>();
        return services;
    }
}
