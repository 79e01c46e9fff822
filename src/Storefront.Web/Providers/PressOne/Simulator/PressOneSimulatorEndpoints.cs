using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Storefront.Providers.PressOne.Simulator;

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
            Json(state.UpdateSettings(await PressOneSimRequest.JsonAsync(request))));
        sim.MapPost("reset", (PressOneSimulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });

        sim.MapPost("balance", async (HttpRequest request, PressOneSimulatorState state) =>
        {
            var body = await PressOneSimRequest.JsonAsync(request);
            state.SetBalance(PressOneSimulatorState.Dec(body, "amount") ?? throw PressOneSimulatorException.Validation("amount", "amount is required."));
            return Json(state.Balance());
        });
        sim.MapPost("tokens/expire", (PressOneSimulatorState state) => Json(new JsonObject { ["expired"] = state.ExpireTokens() }));

        foreach (var name in new[] { "usage", "consume" })
            sim.MapPost($"sims/{{iccid}}/{name}", async (string iccid, HttpRequest request, PressOneSimulatorState state) =>
            {
                var body = await PressOneSimRequest.JsonAsync(request);
                var mb = PressOneSimulatorState.Dec(body, "mb") ?? throw PressOneSimulatorException.Validation("mb", "mb is required.");
                return Json(state.ConsumeData(iccid, (long)mb));
            });
        foreach (var name in new[] { "install", "attach" })
            sim.MapPost($"sims/{{iccid}}/{name}", (string iccid, PressOneSimulatorState state) => Json(state.Install(iccid)));
        sim.MapPost("sims/{iccid}/recycle", (string iccid, PressOneSimulatorState state) => Json(state.Recycle(iccid)));

        sim.MapGet("clock", (PressOneSimulatorClock clock) => Json(ClockJson(clock)));
        sim.MapPost("clock/advance", async (HttpRequest request, PressOneSimulatorClock clock) =>
        {
            var body = await PressOneSimRequest.JsonAsync(request);
            var by = TimeSpan.FromSeconds((double)(PressOneSimulatorState.Dec(body, "seconds") ?? 0))
                     + TimeSpan.FromMinutes((double)(PressOneSimulatorState.Dec(body, "minutes") ?? 0))
                     + TimeSpan.FromHours((double)(PressOneSimulatorState.Dec(body, "hours") ?? 0))
                     + TimeSpan.FromDays((double)(PressOneSimulatorState.Dec(body, "days") ?? 0));
            if (by <= TimeSpan.Zero) throw PressOneSimulatorException.Validation("seconds", "Give a positive seconds, minutes, hours or days.");
            clock.Advance(by);
            return Json(ClockJson(clock));
        });

        sim.MapGet("faults", (PressOneSimulatorState state) => Json(state.Faults()));
        sim.MapPost("faults", async (HttpRequest request, PressOneSimulatorState state) =>
        {
            var body = await PressOneSimRequest.JsonAsync(request);
            PressOneFaultRule rule;
            try
            {
                rule = body.Deserialize<PressOneFaultRule>(PressOneSimRequest.Json)!;
            }
            catch (JsonException)
            {
                throw PressOneSimulatorException.Validation("fault", "A fault is {path, method?, kind, count?, status?, latency_ms?}.");
            }
            state.AddFault(rule);
            return Json(state.Faults(), 201);
        });
        sim.MapDelete("faults", (PressOneSimulatorState state) =>
        {
            state.ClearFaults();
            return Results.NoContent();
        });
    }

    /// <summary>Latency, injected faults and auth, for every provider call; the token request needs no bearer.</summary>
    private static async ValueTask<object?> Gate(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string basePath)
    {
        var http = context.HttpContext;
        var state = http.RequestServices.GetRequiredService<PressOneSimulatorState>();
        var path = http.Request.Path.Value ?? "";
        if (path.StartsWith(basePath, StringComparison.OrdinalIgnoreCase)) path = path[basePath.Length..];
        path = path.Trim('/');
        if (!path.Equals(TokenPath, StringComparison.OrdinalIgnoreCase)) state.Authenticate(http.Request.Headers.Authorization);

        var (latencyMs, fault) = state.NextFault(http.Request.Method, path);
        if (latencyMs > 0) await Task.Delay(latencyMs, http.RequestAborted);

        switch (fault?.Kind)
        {
            case PressOneFaultKinds.Error:
                return Json(new JsonObject { ["message"] = "Server Error" }, fault.Status);

            case PressOneFaultKinds.Hang:
                try { await Task.Delay(state.HangFor, http.RequestAborted); }
                catch (OperationCanceledException) { }
                http.Abort();
                return Results.Empty;

            case PressOneFaultKinds.LostResponse:
                try { await next(context); }
                catch (PressOneSimulatorException) { }
                // Send the status line and a piece of the body, then reset: the client has seen a response start (so it
                // cannot silently resend the request) but never gets the answer.
                http.Response.StatusCode = 200;
                http.Response.ContentType = "application/json";
                http.Response.ContentLength = 1024;
                await http.Response.WriteAsync("{\"data\":{\"id\":");
                await http.Response.Body.FlushAsync();
                http.Abort();
                return Results.Empty;

            default:
                return await next(context);
        }
    }

    private static async ValueTask<object?> ErrorBody(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (PressOneSimulatorException e)
        {
            var headers = context.HttpContext.Response.Headers;
            if (e.RetryAfterSeconds is { } seconds) headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (e.RateLimit is { } limit)
            {
                headers["X-RateLimit-Limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
                headers["X-RateLimit-Remaining"] = "0";
            }
            return Json(e.Body, e.Status);
        }
    }

    private static string PageUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";

    private static JsonObject ClockJson(PressOneSimulatorClock clock) => new()
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
    /// <paramref name="configure"/>), its virtual clock over the app's <see cref="TimeProvider"/> and the in-memory
    /// state. Map the endpoints with <see cref="PressOneSimulatorEndpoints.MapPressOneSimulator"/>.
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

        services.TryAddSingleton(sp => new PressOneSimulatorClock(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton<PressOneSimulatorState>();
        return services;
    }
}
