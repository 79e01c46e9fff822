using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.CloudeSim;
using Storefront.Domain;

namespace Storefront.Sandbox.CloudeSim;

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
            var body = await SimBody.ReadAsync(request);
            return Json(state.Packages(SimBody.Str(body, "locationCode"), SimBody.Str(body, "type"), SimBody.Str(body, "packageCode"),
                SimBody.Str(body, "iccid")));
        });
        api.MapPost("esim/order", async (HttpRequest request, CloudeSimSimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            var qrBase = $"{request.Scheme}://{request.Host}{request.PathBase}{basePath}/__sim/qr/";
            return Json(state.Order(SimBody.Str(body, "packageCode"), SimBody.Prop(body, "quantity"), SimBody.Str(body, "iccid"), qrBase));
        });
        api.MapPost("esim/query", async (HttpRequest request, CloudeSimSimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            return Json(state.Query(SimBody.Str(body, "iccid"), SimBody.Str(body, "orderNo")));
        });
        api.MapPost("esim/topup", async (HttpRequest request, CloudeSimSimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            return Json(state.TopUp(SimBody.Str(body, "iccid"), SimBody.Str(body, "packageCode"), SimBody.Prop(body, "quantity")));
        });
        api.MapPost("esim/cancel", async (HttpRequest request, CloudeSimSimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            return Json(state.Cancel(SimBody.Str(body, "iccid"), SimBody.Str(body, "esimTranNo")));
        });
    }

    private static void MapControl(RouteGroupBuilder sim)
    {
        sim.MapGet("state", (CloudeSimSimulatorState state) => Json(state.Snapshot()));
        sim.MapGet("settings", (CloudeSimSimulatorState state) => Json(state.Settings()));
        sim.MapPost("settings", async (HttpRequest request, CloudeSimSimulatorState state) =>
            Json(state.UpdateSettings(await SimBody.ReadAsync(request))));
        sim.MapPost("reset", (CloudeSimSimulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });

        sim.MapPost("account/balance", async (HttpRequest request, CloudeSimSimulatorState state) =>
            Json(state.SetBalance(SimBody.Dec(await SimBody.ReadAsync(request), "balance")
                                  ?? throw CloudeSimSimulatorException.Validation("balance is required"))));

        sim.MapPost("esim/{iccid}/usage", async (string iccid, HttpRequest request, CloudeSimSimulatorState state) =>
            Json(state.Usage(iccid, SimBody.Dec(await SimBody.ReadAsync(request), "mb"))));
        sim.MapPost("esim/{iccid}/install", (string iccid, CloudeSimSimulatorState state) => Json(state.Install(iccid)));
        sim.MapPost("esim/{iccid}/suspend", (string iccid, CloudeSimSimulatorState state) => Json(state.Suspend(iccid)));
        sim.MapPost("esim/{iccid}/resume", (string iccid, CloudeSimSimulatorState state) => Json(state.Resume(iccid)));

        sim.MapGet("qr/{file}", (string file, CloudeSimSimulatorState state) =>
            state.QrPng(file.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? file[..^4] : file) is { } png
                ? Results.File(png, "image/png")
                : Results.NotFound());

        sim.MapClockControls((CloudeSimSimulatorState state) => state.Clock, ClockJson);
        sim.MapFaultControls((CloudeSimSimulatorState state) => state.Faults, JsonNamingPolicy.CamelCase);
    }

    /// <summary>Auth, then latency and injected faults, for every provider call (a refused call uses up no fault).</summary>
    private static ValueTask<object?> Gate(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string basePath)
    {
        var http = context.HttpContext;
        var state = http.RequestServices.GetRequiredService<CloudeSimSimulatorState>();
        state.Admit(http.Request.Headers.Authorization);
        return state.Faults.ApplyFaultsAsync<CloudeSimSimulatorException>(context, next, SimulatorEndpoints.CallPath(http.Request, basePath),
            status => Json(new JsonObject { ["success"] = false, ["errorMsg"] = "Internal server error" }, status),
            lostResponseStart: "{\"success\":");
    }

    private static async ValueTask<object?> ErrorBody(EndpointFilterInvocationContext context, EndpointFilterDelegate next, bool api)
    {
        try
        {
            return await next(context);
        }
        catch (SimInputException e)
        {
            return Answer(context, CloudeSimSimulatorException.Validation(e.Message), api);
        }
        catch (CloudeSimSimulatorException e)
        {
            return Answer(context, e, api);
        }
    }

    private static IResult Answer(EndpointFilterInvocationContext context, CloudeSimSimulatorException e, bool api)
    {
        var status = api ? context.HttpContext.RequestServices.GetRequiredService<CloudeSimSimulatorState>().ErrorStatus(e) : e.Status;
        return Json(new JsonObject { ["success"] = false, ["errorMsg"] = e.Message }, status);
    }

    private static JsonObject ClockJson(SimulatorClock clock) => new()
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
    /// <paramref name="configure"/>) and the in-memory state, its virtual clock over the app's <see cref="TimeProvider"/>. Map the endpoints with <see cref="CloudeSimSimulatorEndpoints.MapCloudeSimSimulator"/>.
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

        services.TryAddSingleton<CloudeSimSimulatorState>();
        return services;
    }
}
