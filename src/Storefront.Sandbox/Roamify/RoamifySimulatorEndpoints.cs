using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.Payments;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Roamify;
using Storefront.Domain;

namespace Storefront.Sandbox.Roamify;

public static class RoamifySimulatorEndpoints
{
    /// <summary>
    /// Maps the Roamify eSIM API under <paramref name="prefix"/> with the same relative paths as the real host
    /// (<c>api/esim/…</c>, <c>api/balance</c>), so the real client only changes its base address, and test controls
    /// under <c>{prefix}/__sim/</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapRoamifySimulator(this IEndpointRouteBuilder app, string prefix)
    {
        var basePath = "/" + prefix.Trim('/');
        var root = app.MapGroup(basePath).AddEndpointFilter(RoamifyErrorBody);
        root.MapGet("api/health", () => Results.Json(new JsonObject { ["status"] = "ok" }));
        MapProviderApi(root.MapGroup("").AddEndpointFilter((ctx, next) => Gate(ctx, next, basePath)));
        MapControl(root.MapGroup("__sim"));
        return app;
    }

    private static void MapProviderApi(RouteGroupBuilder api)
    {
        api.MapGet("api/esim/countries", (RoamifySimulatorState state) => Json(state.Countries()));
        api.MapGet("api/esim/packages", (string? country, string? countryCode, string? geography, string? days, string? gbs,
                string? isUnlimited, string? packageId, string? page, string? pageSize, RoamifySimulatorState state) =>
            Json(state.Packages(new PackageQuery(country, countryCode, geography, days, gbs, isUnlimited, packageId, page, pageSize))));

        api.MapPost("api/esim/order", async (HttpRequest request, RoamifySimulatorState state) =>
            Json(state.Order(await SimBody.ReadAsync(request), instant: false, out _)));
        api.MapPost("api/esim/order/instant", async (HttpRequest request, RoamifySimulatorState state) =>
        {
            var order = state.Order(await SimBody.ReadAsync(request), instant: true, out var wait);
            await Task.Delay(wait, request.HttpContext.RequestAborted);
            return Json(state.CompleteInstant((string)order["data"]!["id"]!));
        });
        api.MapPost("api/esim/apply", async (HttpRequest request, RoamifySimulatorState state) =>
        {
            var ticket = state.Apply(await SimBody.ReadAsync(request));
            // Profile generation takes time (docs/providers/roamify.md §2.3.4): the request is held until it is done.
            if (ticket.Wait > TimeSpan.Zero) await Task.Delay(ticket.Wait, request.HttpContext.RequestAborted);
            return Json(state.CompleteApply(ticket));
        });
        api.MapGet("api/esim/order", (string? orderId, string? referenceId, RoamifySimulatorState state) =>
            Json(state.GetOrder(orderId, referenceId)));
        api.MapGet("api/esim/orders", (string? status, string? limit, string? referenceId, RoamifySimulatorState state) =>
            Json(state.ListOrders(status, limit, referenceId)));
        api.MapGet("api/esim", (string? esimId, string? iccid, RoamifySimulatorState state) => Json(state.GetEsim(esimId, iccid)));
        api.MapGet("api/esims", (string? status, string? limit, string? referenceId, RoamifySimulatorState state) =>
            Json(state.ListEsims(status, limit, referenceId)));
        api.MapGet("api/esim/usage", (string? iccid, RoamifySimulatorState state) => Json(state.Usage(iccid, details: false)));
        api.MapGet("api/esim/usage/details", (string? iccid, RoamifySimulatorState state) => Json(state.Usage(iccid, details: true)));
        api.MapGet("api/esim/topup/packages", (string? iccid, string? days, string? gbs, string? isUnlimited, string? packageId,
            RoamifySimulatorState state) => Json(state.TopUpPackages(iccid, days, gbs, isUnlimited, packageId)));
        api.MapPost("api/esim/order/topup", async (HttpRequest request, RoamifySimulatorState state) =>
            Json(state.TopUp(await SimBody.ReadAsync(request))));
        api.MapGet("api/esim/history", (string? iccid, RoamifySimulatorState state) => Json(state.History(iccid)));
        api.MapGet("api/esim/events", (string? iccid, string? esimId, string? referenceId, RoamifySimulatorState state) =>
            Json(state.Events(iccid, esimId, referenceId)));
        api.MapGet("api/balance", (RoamifySimulatorState state) => Json(state.Balance()));
    }

    private static void MapControl(RouteGroupBuilder sim)
    {
        sim.MapGet("state", (RoamifySimulatorState state) => Json(state.Snapshot()));
        sim.MapGet("settings", (RoamifySimulatorState state) => Json(state.Settings()));
        sim.MapPost("settings", async (HttpRequest request, RoamifySimulatorState state) =>
            Json(state.UpdateSettings(await SimBody.ReadAsync(request))));
        sim.MapPost("reset", (RoamifySimulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });

        sim.MapPost("balance", async (HttpRequest request, RoamifySimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            return Json(state.SetBalance(SimBody.Dec(body, "balance") ?? throw RoamifySimulatorException.Joi("\"balance\" is required")));
        });
        sim.MapPost("balance/add", async (HttpRequest request, RoamifySimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            return Json(state.AddFunds(SimBody.Dec(body, "amount") ?? throw RoamifySimulatorException.Joi("\"amount\" is required")));
        });
        sim.MapPost("tokens/rotate", (RoamifySimulatorState state) => Json(new JsonObject { ["token"] = state.RotateToken() }));
        sim.MapPost("webhook", async (HttpRequest request, RoamifySimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            return Json(state.SetWebhook(SimBody.Str(body, "url"), SimBody.Str(body, "secret")));
        });

        sim.MapPost("esims/{id}/install", (string id, RoamifySimulatorState state) => Json(state.Install(id)));
        sim.MapPost("esims/{id}/activate", (string id, RoamifySimulatorState state) => Json(state.Activate(id)));
        sim.MapPost("esims/{id}/detach", (string id, RoamifySimulatorState state) => Json(state.Detach(id)));
        sim.MapPost("esims/{id}/delete", (string id, RoamifySimulatorState state) => Json(state.Delete(id)));
        sim.MapPost("esims/{id}/revoke", (string id, RoamifySimulatorState state) => Json(state.Revoke(id)));
        sim.MapPost("esims/{id}/usage", async (string id, HttpRequest request, RoamifySimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            return Json(state.Consume(id, SimBody.Dec(body, "mb") ?? throw RoamifySimulatorException.Joi("\"mb\" is required"),
                SimBody.Str(body, "location")));
        });

        sim.MapClockControls((RoamifySimulatorState state) => state.Clock, ClockJson);
        sim.MapFaultControls((RoamifySimulatorState state) => state.Faults, JsonNamingPolicy.SnakeCaseLower);

        sim.MapGet("events", (RoamifySimulatorState state) => Json(state.EmittedEvents()));
        sim.MapGet("deliveries", (RoamifySimulatorState state) => Json(state.Deliveries()));
    }

    /// <summary>Auth and the rate limit, then latency and injected faults, for every provider call.</summary>
    private static ValueTask<object?> Gate(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string basePath)
    {
        var http = context.HttpContext;
        var state = http.RequestServices.GetRequiredService<RoamifySimulatorState>();
        state.Admit(http.Request.Headers.Authorization);
        return state.Faults.ApplyFaultsAsync<RoamifySimulatorException>(context, next, SimulatorEndpoints.CallPath(http.Request, basePath),
            status => Json(new JsonObject { ["status"] = "failed", ["message"] = "Simulated upstream failure." }, status),
            lostResponseStart: "{\"status\":\"success\",\"data\":");
    }

    private static async ValueTask<object?> RoamifyErrorBody(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (SimInputException e)
        {
            // Joi, Roamify's validator, quotes the field: "\"mb\" must be a number".
            return Answer(context, RoamifySimulatorException.Joi(e.Field is null ? e.Problem : $"\"{e.Field}\" {e.Problem}"));
        }
        catch (RoamifySimulatorException e)
        {
            return Answer(context, e);
        }
    }

    private static IResult Answer(EndpointFilterInvocationContext context, RoamifySimulatorException e)
    {
        if (e.RetryAfterSeconds is { } seconds) context.HttpContext.Response.Headers.RetryAfter = seconds.ToString();
        return Json(e.Body, e.Status);
    }

    private static JsonObject ClockJson(SimulatorClock clock) => new()
    {
        ["now"] = clock.GetUtcNow().ToUnixTimeSeconds(),
        ["iso"] = clock.GetUtcNow().UtcDateTime.ToString("O"),
        ["offset_seconds"] = clock.Offset.TotalSeconds,
    };

    private static IResult Json(JsonNode node, int status = 200) => Results.Json(node, statusCode: status);
}

public static class RoamifySimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Roamify simulator: <see cref="RoamifySimulatorOptions"/> (section "Sandbox:Roamify", then
    /// <paramref name="configure"/>), the in-memory state (its virtual clock over the app's <see cref="TimeProvider"/>)
    /// and the webhook dispatcher. Map the endpoints with <see cref="RoamifySimulatorEndpoints.MapRoamifySimulator"/>.
    /// </summary>
    public static IServiceCollection AddRoamifySimulator(this IServiceCollection services, Action<RoamifySimulatorOptions>? configure = null)
    {
        var options = services.AddOptions<RoamifySimulatorOptions>().BindConfiguration(RoamifySimulatorOptions.Section);
        if (configure is not null) options.Configure(configure);
        options
            .Validate(o => !string.IsNullOrWhiteSpace(o.AccessToken), "Sandbox:Roamify:AccessToken is required.")
            .Validate(o => o.PageCounts is RoamifyPageCounts.Groups or RoamifyPageCounts.Packages,
                "Sandbox:Roamify:PageCounts must be groups or packages.")
            .Validate(o => o.ChargeAt is RoamifyChargePoints.Order or RoamifyChargePoints.Apply, "Sandbox:Roamify:ChargeAt must be order or apply.")
            .Validate(o => o.TopUpValidity is RoamifyTopUpValidity.Extend or RoamifyTopUpValidity.Reset or RoamifyTopUpValidity.Longest,
                "Sandbox:Roamify:TopUpValidity must be extend, reset or longest.")
            .Validate(o => o.UsageDetailsUnit is "MB" or "KB" or "B", "Sandbox:Roamify:UsageDetailsUnit must be MB, KB or B.")
            .Validate(o => o.ApplyPendingProbability is >= 0 and <= 1 && o.ErrorRate is >= 0 and <= 1,
                "Sandbox:Roamify:ApplyPendingProbability and ErrorRate must be between 0 and 1.")
            .Validate(o => o.DefaultPageSize >= 1 && o.MaxPageSize is null or >= 1, "Sandbox:Roamify page sizes must be positive.")
            .ValidateOnStart();

        services.TryAddSingleton<RoamifySimulatorState>();
        services.TryAddSingleton<RoamifyWebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<RoamifyWebhookDispatcher>());
        services.AddHttpClient(RoamifyWebhookDispatcher.HttpClientName).RemoveAllLoggers();
        return services;
    }
}
