using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;
using Storefront.Sandbox.Simulation;
using Storefront.Providers;
using Storefront.Providers.Esimfly;
using Storefront.Domain;

namespace Storefront.Sandbox.Esimfly;

public static class EsimflySimulatorEndpoints
{
    /// <summary>
    /// Maps the eSIMfly Business API under <paramref name="prefix"/> with the same relative paths as the real base URL
    /// (so the real client only changes its base address), and test controls under <c>{prefix}/__sim/</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapEsimflySimulator(this IEndpointRouteBuilder app, string prefix)
    {
        var basePath = "/" + prefix.Trim('/');
        var root = app.MapGroup(basePath).AddEndpointFilter(ErrorBody);
        MapProviderApi(root.MapGroup("").AddEndpointFilter((ctx, next) => Gate(ctx, next, basePath)));
        MapControl(root.MapGroup("__sim"));
        return app;
    }


    private static void MapProviderApi(RouteGroupBuilder api)
    {
        api.MapGet("balance", (EsimflySimulatorState state) => Json(state.Balance()));
        api.MapGet("esims/packages", (string? search, string? type, string? page, string? limit, EsimflySimulatorState state) =>
            Json(state.Packages(search, type, page, limit)));
        api.MapPost("esims/order", async (HttpRequest request, EsimflySimulatorState state) =>
            Json(state.PlaceOrder(await ReadAsync(request, message => EsimflySimulatorException.Order(400, EsimflyErrorCodes.MissingFields, message)))));
        api.MapGet("esims/order", (string? orderReference, EsimflySimulatorState state) => Json(state.OrderStatus(orderReference)));
        api.MapGet("esims", (string? search, string? status, string? page, string? limit, string? include_base64, EsimflySimulatorState state) =>
            Json(state.ListEsims(search, status, page, limit, include_base64 is "true" or "1")));
        api.MapGet("esims/usage/query", (string? iccid, string? order_id, EsimflySimulatorState state) =>
            Json(state.Usage(string.IsNullOrEmpty(iccid) ? null : iccid, string.IsNullOrEmpty(order_id) ? null : order_id)));
        api.MapGet("orders", (HttpRequest request, EsimflySimulatorState state) => Json(state.Orders(request.Query)));
        api.MapGet("topup/packages", (string? iccid, string? page, string? limit, EsimflySimulatorState state) =>
            Json(state.TopUpPackages(string.IsNullOrEmpty(iccid) ? null : iccid, page, limit)));
        api.MapPost("topup/order", async (HttpRequest request, EsimflySimulatorState state) =>
            Json(state.TopUp(await ReadAsync(request, message => EsimflySimulatorException.Api(400, EsimflyErrorCodes.MissingFields, message)))));
    }

    private static void MapControl(RouteGroupBuilder sim)
    {
        sim.MapGet("state", (EsimflySimulatorState state) => Json(state.Snapshot()));
        sim.MapGet("settings", (EsimflySimulatorState state) => Json(state.Settings()));
        sim.MapPost("settings", async (HttpRequest request, EsimflySimulatorState state) =>
            Json(state.UpdateSettings(await SimBody.ReadAsync(request))));
        sim.MapPost("reset", (EsimflySimulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });

        sim.MapPost("account/balance", async (HttpRequest request, EsimflySimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            state.SetBalance(SimBody.Dec(body, "balance_usd") ?? throw EsimflySimulatorState.Validation("balance_usd is required."));
            return Json(state.Balance());
        });

        sim.MapPost("esims/{iccid}/install", (string iccid, EsimflySimulatorState state) => Json(state.Install(iccid)));
        sim.MapPost("esims/{iccid}/activate", (string iccid, EsimflySimulatorState state) => Json(state.Activate(iccid)));
        sim.MapPost("esims/{iccid}/usage", async (string iccid, HttpRequest request, EsimflySimulatorState state) =>
        {
            var body = await SimBody.ReadAsync(request);
            var mb = SimBody.Dec(body, "mb") ?? SimBody.Dec(body, "gb") * EsimflyUnits.MbPerGb
                     ?? throw EsimflySimulatorState.Validation("mb (or gb) is required.");
            return Json(state.Consume(iccid, (long)decimal.Round(mb)));
        });
        sim.MapPost("esims/{iccid}/status", async (string iccid, HttpRequest request, EsimflySimulatorState state) =>
            Json(state.SetStatus(iccid, SimBody.Str(await SimBody.ReadAsync(request), "status"))));
        sim.MapPost("orders/{reference}/complete", (string reference, EsimflySimulatorState state) => Json(state.CompleteOrder(reference)));

        sim.MapClockControls((EsimflySimulatorState state) => state.Clock, ClockJson);
        sim.MapFaultControls((EsimflySimulatorState state) => state.Faults, JsonNamingPolicy.SnakeCaseLower);
    }

    /// <summary>
    /// For every provider call, in order: the HMAC checks and the rate limit (X-RateLimit-* on every answer), then the
    /// injected latency and faults. The body is buffered first, so the signature is checked over the bytes as sent.
    /// </summary>
    private static async ValueTask<object?> Gate(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string basePath)
    {
        var http = context.HttpContext;
        var state = http.RequestServices.GetRequiredService<EsimflySimulatorState>();
        var request = http.Request;
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, http.RequestAborted);
        request.Body.Position = 0;

        try
        {
            state.Admit(Header(request, EsimflySignature.AccessCodeHeader), Header(request, EsimflySignature.RequestIdHeader),
                Header(request, EsimflySignature.TimestampHeader), Header(request, EsimflySignature.SignatureHeader),
                Header(request, HeaderNames.Authorization) is not null, buffer.ToArray());
        }
        finally
        {
            var (limit, remaining, reset) = state.RateLimitHeaders();
            http.Response.Headers[EsimflyRateLimiter.LimitHeader] = limit.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers[EsimflyRateLimiter.RemainingHeader] = remaining.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers[EsimflyRateLimiter.ResetHeader] = reset;
            // The reset is on the virtual clock; a Date from the same clock lets clients relate the two.
            http.Response.Headers.Date = state.Now.ToString("R", CultureInfo.InvariantCulture);
        }

        return await state.Faults.ApplyFaultsAsync<EsimflySimulatorException>(context, next, SimulatorEndpoints.CallPath(request, basePath),
            InjectedError, lostResponseStart: "{\"success\":true,");
    }

    private static IResult InjectedError(int status) => status == 500
        ? Json(new JsonObject { ["success"] = false, ["error"] = "Internal server error" }, 500)
        // What a gateway in front of the API answers: HTML, not eSIMfly's envelope.
        : Results.Content($"<html><body><h1>{status} Simulated gateway failure</h1></body></html>", "text/html", null, status);

    private static async ValueTask<object?> ErrorBody(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (SimInputException e)
        {
            return Answer(context, EsimflySimulatorState.Validation(e.Message + "."));
        }
        catch (EsimflySimulatorException e)
        {
            return Answer(context, e);
        }
    }

    private static IResult Answer(EndpointFilterInvocationContext context, EsimflySimulatorException e)
    {
        if (e.RetryAfterSeconds is { } seconds) context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Json(e.Body, e.Status);
    }

    private static async Task<JsonElement> ReadAsync(HttpRequest request, Func<string, EsimflySimulatorException> invalid)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return EsimflySimBody.Parse(buffer.ToArray(), invalid);
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.FirstOrDefault() is { Length: > 0 } value ? value : null;

    private static JsonObject ClockJson(SimulatorClock clock) => new()
    {
        ["now"] = EsimflySimulatorState.Iso(clock.GetUtcNow()),
        ["offset_seconds"] = clock.Offset.TotalSeconds,
    };

    private static IResult Json(JsonNode node, int status = 200) => Results.Json(node, statusCode: status);
}

public static class EsimflySimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the eSIMfly simulator: <see cref="EsimflySimulatorOptions"/> (section "Sandbox:Esimfly", then
    /// <paramref name="configure"/>) and the in-memory state, its virtual clock over the app's <see cref="TimeProvider"/>. Map the endpoints with <see cref="EsimflySimulatorEndpoints.MapEsimflySimulator"/>.
    /// </summary>
    public static IServiceCollection AddEsimflySimulator(this IServiceCollection services, Action<EsimflySimulatorOptions>? configure = null)
    {
        var options = services.AddOptions<EsimflySimulatorOptions>().BindConfiguration(EsimflySimulatorOptions.Section);
        if (configure is not null) options.Configure(configure);
        options
            .Validate(o => o.AccessCode.Length > 0 && o.SecretKey.Length > 0, "Sandbox:Esimfly:AccessCode and SecretKey must not be empty.")
            .Validate(o => o.RateLimitPerHour > 0 && o.RateLimitWindow > TimeSpan.Zero, "Sandbox:Esimfly:RateLimitPerHour and RateLimitWindow must be positive.")
            .Validate(o => o.ResetHeaderFormat is EsimflyResetFormats.Iso8601 or EsimflyResetFormats.UnixSeconds,
                "Sandbox:Esimfly:ResetHeaderFormat must be iso8601 or unix.")
            .Validate(o => o.TopUpExpiry is EsimflyTopUpExpiryModes.Extend or EsimflyTopUpExpiryModes.Reset,
                "Sandbox:Esimfly:TopUpExpiry must be extend or reset.")
            .Validate(o => o.PackagesTotalPagesKey is "totalPages" or "total_pages", "Sandbox:Esimfly:PackagesTotalPagesKey must be totalPages or total_pages.")
            .ValidateOnStart();

        services.TryAddSingleton<EsimflySimulatorState>();
        return services;
    }
}
