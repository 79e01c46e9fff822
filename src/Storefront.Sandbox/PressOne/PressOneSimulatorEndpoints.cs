using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.PressOne;
using Storefront.Domain;

namespace Storefront.Sandbox.PressOne;

public static class PressOneSimulatorEndpoints
{
    private const string TokenPath = "customer/v2/token";

    /// <summary>
    /// Maps the PressOne API under <paramref name="prefix"/> with the same relative paths as below the real base URL
    /// (<c>customer/v2/…</c>, so the real client only changes its base address), and test controls under
    /// <c>{prefix}/__sim/</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapPressOneSimulator(this IEndpointRouteBuilder app, string prefix)
    {
        var basePath = "/" + prefix.Trim('/');
        var root = app.MapGroup(basePath).AddEndpointFilter(ErrorBody);
        MapProviderApi(root.MapGroup("customer/v2").AddEndpointFilter((ctx, next) => Gate(ctx, next, basePath)));
        MapControl(root.MapGroup("__sim"));
        return app;
    }


    private static void MapProviderApi(RouteGroupBuilder api)
    {
        api.MapPost("token", async (HttpRequest request, PressOneSimulatorState state) =>
            Json(state.IssueToken(await PressOneSimRequest.FormAsync(request))));
        api.MapGet("balance", (PressOneSimulatorState state) => Json(state.Balance()));
        api.MapGet("packages", (HttpRequest request, PressOneSimulatorState state) => Json(state.Packages(request.Query, PageUrl(request))));

        api.MapPost("orders", async (HttpRequest request, PressOneSimulatorState state) =>
            Json(state.Order(await PressOneSimRequest.FormAsync(request))));
        api.MapPost("orders/topups", async (HttpRequest request, PressOneSimulatorState state) =>
            Json(state.TopUp(await PressOneSimRequest.FormAsync(request))));
        api.MapGet("orders", (HttpRequest request, PressOneSimulatorState state) => Json(state.ListOrders(request.Query, PageUrl(request))));
        api.MapGet("orders/{id:long}", (long id, string? include, PressOneSimulatorState state) => Json(state.GetOrder(id, include)));

        api.MapGet("sims", (HttpRequest request, PressOneSimulatorState state) => Json(state.ListSims(request.Query, PageUrl(request))));
        api.MapGet("sims/{iccid}", (string iccid, string? include, PressOneSimulatorState state) => Json(state.GetSim(iccid, include)));
        api.MapGet("sims/{iccid}/instructions", (string iccid, PressOneSimulatorState state) => Json(state.Instructions(iccid)));
        api.MapGet("sims/{iccid}/usage", (string iccid, PressOneSimulatorState state) => Json(state.Usage(iccid)));
        api.MapGet("sims/{iccid}/topups", (string iccid, PressOneSimulatorState state) => Json(state.TopUpPackages(iccid)));
        api.MapGet("sims/{iccid}/packages", (string iccid, PressOneSimulatorState state) => Json(state.PackageHistory(iccid)));
    }

    private static void MapControl(RouteGroupBuilder sim)
    {
        sim.MapGet("state", (PressOneSimulatorState state) => Json(state.Snapshot()));
        sim.MapGet("settings", (PressOneSimulatorState state) => Json(state.Settings()));
        sim.MapPost("settings", async (HttpRequest request, PressOneSimulatorState state) =>
            Json(state.UpdateSettings(await SimBody.ReadAsync(request))));
        sim.MapPost("reset", (PressOneSimulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });

        sim.MapPost("balance", async (HttpRequest request, PressOneSimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            state.SetBalance(SimBody.Dec(body, "amount") ?? throw PressOneSimulatorException.Validation("amount", "amount is required."));
            return Json(state.Balance());
        });
        sim.MapPost("tokens/expire", (PressOneSimulatorState state) => Json(new JsonObject { ["expired"] = state.ExpireTokens() }));

        foreach (var name in new[] { "usage", "consume" })
            sim.MapPost($"sims/{{iccid}}/{name}", async (string iccid, HttpRequest request, PressOneSimulatorState state) =>
            {
                var body = await SimBody.ReadAsync(request);
                var mb = SimBody.Dec(body, "mb") ?? throw PressOneSimulatorException.Validation("mb", "mb is required.");
                return Json(state.ConsumeData(iccid, (long)mb));
            });
        foreach (var name in new[] { "install", "attach" })
            sim.MapPost($"sims/{{iccid}}/{name}", (string iccid, PressOneSimulatorState state) => Json(state.Install(iccid)));
        sim.MapPost("sims/{iccid}/recycle", (string iccid, PressOneSimulatorState state) => Json(state.Recycle(iccid)));

        sim.MapClockControls((PressOneSimulatorState state) => state.Clock, ClockJson);
        sim.MapFaultControls((PressOneSimulatorState state) => state.Faults, JsonNamingPolicy.SnakeCaseLower);
    }

    /// <summary>Auth (the token request needs no bearer), then latency and injected faults, for every provider call.</summary>
    private static ValueTask<object?> Gate(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string basePath)
    {
        var http = context.HttpContext;
        var state = http.RequestServices.GetRequiredService<PressOneSimulatorState>();
        var path = SimulatorEndpoints.CallPath(http.Request, basePath);
        if (!path.Equals(TokenPath, StringComparison.OrdinalIgnoreCase)) state.Authenticate(http.Request.Headers.Authorization);
        return state.Faults.ApplyFaultsAsync<PressOneSimulatorException>(context, next, path,
            status => Json(new JsonObject { ["message"] = "Server Error" }, status),
            lostResponseStart: "{\"data\":{\"id\":");
    }

    private static async ValueTask<object?> ErrorBody(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (SimInputException e)
        {
            return Answer(context, PressOneSimulatorException.Validation(e.Field ?? "body", e.Message + "."));
        }
        catch (PressOneSimulatorException e)
        {
            return Answer(context, e);
        }
    }

    private static IResult Answer(EndpointFilterInvocationContext context, PressOneSimulatorException e)
    {
        var headers = context.HttpContext.Response.Headers;
        if (e.RetryAfterSeconds is { } seconds) headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (e.RateLimit is { } limit)
        {
            headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = "0";
        }
        return Json(e.Body, e.Status);
    }

    private static string PageUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";

    private static JsonObject ClockJson(SimulatorClock clock) => new()
    {
        ["now"] = PressOneSimulatorState.Plain(clock.GetUtcNow()),
        ["offset_seconds"] = clock.Offset.TotalSeconds,
    };

    private static IResult Json(JsonNode node, int status = 200) => Results.Json(node, statusCode: status);
}

public static class PressOneSimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PressOne simulator: <see cref="PressOneSimulatorOptions"/> (section "Sandbox:PressOne", then
    /// <paramref name="configure"/>) and the in-memory state, its virtual clock over the app's <see cref="TimeProvider"/>. Map the endpoints with <see cref="PressOneSimulatorEndpoints.MapPressOneSimulator"/>.
    /// </summary>
    public static IServiceCollection AddPressOneSimulator(this IServiceCollection services, Action<PressOneSimulatorOptions>? configure = null)
    {
        var options = services.AddOptions<PressOneSimulatorOptions>().BindConfiguration(PressOneSimulatorOptions.Section);
        if (configure is not null) options.Configure(configure);
        options
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClientId) && !string.IsNullOrWhiteSpace(o.ClientSecret),
                "Sandbox:PressOne:ClientId and Sandbox:PressOne:ClientSecret must not be empty.")
            .Validate(o => o.PricingModel is PressOnePricingModels.Net or PressOnePricingModels.Discount,
                "Sandbox:PressOne:PricingModel must be net_pricing or discount_pricing.")
            .Validate(o => o.TokenLifetime > TimeSpan.Zero, "Sandbox:PressOne:TokenLifetime must be positive.")
            .Validate(o => o.DefaultPageSize > 0, "Sandbox:PressOne:DefaultPageSize must be positive.")
            .ValidateOnStart();

        services.TryAddSingleton<PressOneSimulatorState>();
        return services;
    }
}
