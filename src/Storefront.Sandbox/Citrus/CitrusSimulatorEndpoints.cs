using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Citrus;
using Storefront.Domain;

namespace Storefront.Sandbox.Citrus;

public static class CitrusSimulatorEndpoints
{
    /// <summary>
    /// Maps the Citrus reseller API under <paramref name="prefix"/> with the same relative paths as the real base URL
    /// (so the real client only changes its base address), and test controls under <c>{prefix}/__sim/</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapCitrusSimulator(this IEndpointRouteBuilder app, string prefix)
    {
        var basePath = "/" + prefix.Trim('/');
        var root = app.MapGroup(basePath).AddEndpointFilter(CitrusErrorBody);
        MapProviderApi(root.MapGroup("").AddEndpointFilter((ctx, next) => Gate(ctx, next, basePath)));
        MapControl(root.MapGroup("__sim"));
        return app;
    }

    private static void MapProviderApi(RouteGroupBuilder api)
    {
        api.MapPost("esim/provision", async (HttpRequest request, CitrusSimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            return Json(state.Provision(SimBody.Str(body, "end_user_reference"), SimBody.Str(body, "label"), SimBody.Has(body, "group_id")), 201);
        });
        api.MapPost("esim/{iccid}/fund", async (string iccid, HttpRequest request, CitrusSimulatorState state) =>
            Json(state.Fund(iccid, SimBody.Prop(await SimBody.ReadAsync(request), "amount"))));
        api.MapGet("esim/list", (string? status, string? limit, string? offset, CitrusSimulatorState state) =>
            Json(state.List(status, limit, offset)));
        api.MapGet("esim/{iccid}", (string iccid, CitrusSimulatorState state) => Json(state.Get(iccid)));
        api.MapPost("esim/{iccid}/throttle", async (string iccid, HttpRequest request, CitrusSimulatorState state) =>
            Json(state.Throttle(iccid, SimBody.Prop(await SimBody.ReadAsync(request), "speed"))));
        api.MapPost("esim/{iccid}/enable", (string iccid, CitrusSimulatorState state) => Json(state.Enable(iccid)));
        api.MapPost("esim/{iccid}/disable", (string iccid, CitrusSimulatorState state) => Json(state.Disable(iccid)));
        api.MapPost("esim/{iccid}/terminate", (string iccid, CitrusSimulatorState state) => Json(state.Terminate(iccid)));
        api.MapPost("esim/{iccid}/defund", (string iccid, CitrusSimulatorState state) => Json(state.Defund(iccid), 202));

        api.MapGet("rates", (string? country, string? continent, CitrusSimulatorState state) => Json(state.Rates(country, continent)));
        api.MapGet("wallet/balance", (CitrusSimulatorState state) => Json(state.WalletBalance()));
        api.MapGet("account", (CitrusSimulatorState state) => Json(state.Account()));

        api.MapPost("webhooks", async (HttpRequest request, CitrusSimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            return Json(state.RegisterWebhook(SimBody.Str(body, "url"), SimBody.StrArray(body, "events")), 201);
        });
        api.MapGet("webhooks", (CitrusSimulatorState state) => Json(state.ListWebhooks()));
        api.MapGet("webhooks/{id}", (string id, CitrusSimulatorState state) => Json(state.GetWebhook(id)));
        api.MapPut("webhooks/{id}", async (string id, HttpRequest request, CitrusSimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            return Json(state.UpdateWebhook(id, SimBody.Str(body, "url"), SimBody.StrArray(body, "events"), SimBody.Bool(body, "active")));
        });
        api.MapDelete("webhooks/{id}", (string id, CitrusSimulatorState state) =>
        {
            state.DeleteWebhook(id);
            return Results.NoContent();
        });
        api.MapPost("webhooks/{id}/test", async (string id, CitrusSimulatorState state, CitrusWebhookDispatcher dispatcher, CancellationToken ct) =>
        {
            var work = state.CreateTestDelivery(id);
            var (status, error) = await dispatcher.SendAsync(work, ct);
            return Json(new JsonObject
            {
                ["delivered"] = status is >= 200 and < 300,
                ["status_code"] = status,
                ["error"] = error,
                ["delivery_id"] = work.Id,
            });
        });
    }

    private static void MapControl(RouteGroupBuilder sim)
    {
        sim.MapGet("state", (CitrusSimulatorState state) => Json(state.Snapshot()));
        sim.MapGet("settings", (CitrusSimulatorState state) => Json(state.Settings()));
        sim.MapPost("settings", async (HttpRequest request, CitrusSimulatorState state) =>
            Json(state.UpdateSettings(await SimBody.ReadAsync(request))));
        sim.MapPost("reset", (CitrusSimulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });

        sim.MapPost("account/balance", async (HttpRequest request, CitrusSimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            state.SetBalance(SimBody.Dec(body, "balance_usd") ?? throw CitrusSimulatorException.Validation("balance_usd is required."));
            return Json(state.WalletBalance());
        });
        sim.MapPost("account/topup", async (HttpRequest request, CitrusSimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            return Json(state.TopUp(SimBody.Dec(body, "amount") ?? throw CitrusSimulatorException.Validation("amount is required.")));
        });
        sim.MapPost("account/auto-refill", async (HttpRequest request, CitrusSimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            state.SetAutoRefill(SimBody.Bool(body, "enabled"), SimBody.Dec(body, "threshold_usd"), SimBody.Dec(body, "amount_usd"), SimBody.Bool(body, "card_ok"));
            return Json(state.Settings());
        });

        sim.MapPost("esim/{iccid}/usage", async (string iccid, HttpRequest request, CitrusSimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            return Json(state.Usage(iccid, SimBody.Long(body, "bytes"), SimBody.Str(body, "country_iso2"), SimBody.Str(body, "operator"), SimBody.Dec(body, "usd")));
        });
        sim.MapPost("esim/{iccid}/activate", (string iccid, CitrusSimulatorState state) => Json(state.Activate(iccid)));

        sim.MapClockControls((CitrusSimulatorState state) => state.Clock, ClockJson);
        sim.MapFaultControls((CitrusSimulatorState state) => state.Faults, JsonNamingPolicy.SnakeCaseLower);

        sim.MapGet("events", (CitrusSimulatorState state) => Json(state.Events()));
        sim.MapGet("deliveries", (CitrusSimulatorState state) => Json(state.Deliveries()));
    }

    /// <summary>Auth and the rate limit, then latency and injected faults, for every provider call.</summary>
    private static ValueTask<object?> Gate(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string basePath)
    {
        var http = context.HttpContext;
        var state = http.RequestServices.GetRequiredService<CitrusSimulatorState>();
        state.Admit(http.Request.Headers.Authorization);
        return state.Faults.ApplyFaultsAsync<CitrusSimulatorException>(context, next, SimulatorEndpoints.CallPath(http.Request, basePath),
            InjectedError, lostResponseStart: "{\"id\":");
    }

    private static IResult InjectedError(int status) => Json(new JsonObject
    {
        ["error"] = status switch { 500 => "INTERNAL_ERROR", 502 => "BAD_GATEWAY", 503 => "SERVICE_UNAVAILABLE", 504 => "GATEWAY_TIMEOUT", _ => "SIMULATED_FAILURE" },
        ["message"] = "Simulated upstream failure.",
    }, status);

    private static async ValueTask<object?> CitrusErrorBody(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (SimInputException e)
        {
            return Answer(context, CitrusSimulatorException.Validation(e.Message + "."));
        }
        catch (CitrusSimulatorException e)
        {
            return Answer(context, e);
        }
    }

    private static IResult Answer(EndpointFilterInvocationContext context, CitrusSimulatorException e)
    {
        if (e.RetryAfterSeconds is { } seconds) context.HttpContext.Response.Headers.RetryAfter = seconds.ToString();
        return Json(new JsonObject { ["error"] = e.Code, ["message"] = e.Message }, e.Status);
    }

    private static JsonObject ClockJson(SimulatorClock clock) => new()
    {
        ["now"] = CitrusSimulatorState.Iso(clock.GetUtcNow()),
        ["offset_seconds"] = clock.Offset.TotalSeconds,
    };

    private static IResult Json(JsonNode node, int status = 200) => Results.Json(node, statusCode: status);
}

public static class CitrusSimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Citrus simulator: <see cref="CitrusSimulatorOptions"/> (section "Sandbox:Citrus", then
    /// <paramref name="configure"/>), the in-memory state (its virtual clock over the app's <see cref="TimeProvider"/>)
    /// and the webhook dispatcher. Map the endpoints with <see cref="CitrusSimulatorEndpoints.MapCitrusSimulator"/>.
    /// </summary>
    public static IServiceCollection AddCitrusSimulator(this IServiceCollection services, Action<CitrusSimulatorOptions>? configure = null)
    {
        var options = services.AddOptions<CitrusSimulatorOptions>().BindConfiguration(CitrusSimulatorOptions.Section);
        if (configure is not null) options.Configure(configure);
        options
            .Validate(o => o.ApiKey.StartsWith("rsk_", StringComparison.Ordinal), "Sandbox:Citrus:ApiKey must start with rsk_.")
            .Validate(o => o.RoundingModel is CitrusRoundingModels.Retail09 or CitrusRoundingModels.FloorCents,
                "Sandbox:Citrus:RoundingModel must be retail_0.9 or floor_cents.")
            .Validate(o => o.DepletionStatus is "active" or "suspended", "Sandbox:Citrus:DepletionStatus must be active or suspended.")
            .Validate(o => o.DefundSettledStatus is "suspended" or "previous", "Sandbox:Citrus:DefundSettledStatus must be suspended or previous.")
            .ValidateOnStart();

        services.TryAddSingleton<CitrusSimulatorState>();
        services.TryAddSingleton<CitrusWebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<CitrusWebhookDispatcher>());
        services.AddHttpClient(CitrusWebhookDispatcher.HttpClientName).RemoveAllLoggers();
        return services;
    }
}
