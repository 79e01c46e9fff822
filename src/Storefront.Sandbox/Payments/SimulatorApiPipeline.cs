using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Storefront.Sandbox.Payments;

/// <summary>What a /v1 route sees of its request.</summary>
internal sealed class ApiCall(HttpContext http, ParamMap parameters, string requestId, string? idempotencyKey, StripeSimulatorState state, string hostedPageBase)
{
    public ParamMap Params { get; } = parameters;

    public StripeSimulatorState State { get; } = state;

    /// <summary>Scheme, host and simulator prefix of this request, for the hosted page URL.</summary>
    public string HostedPageBase { get; } = hostedPageBase;

    public string Id => (string)http.GetRouteValue("id")!;

    public EventRequest EventRequest { get; } = new(requestId, idempotencyKey);

    public IReadOnlyCollection<string> Expand(params string[] expandable)
    {
        var expand = Params.Strings("expand");
        foreach (var field in expand)
        {
            if (!expandable.Contains(field))
                throw SimulatorApiError.Invalid($"This property cannot be expanded ({field}).", "expand");
        }
        return expand;
    }
}

/// <summary>
/// A route validates its parameters and returns the work to do; the pipeline runs the work only after the
/// idempotency check, so validation errors are never saved against a key (docs/payments/stripe.md §8.2).
/// </summary>
internal delegate Func<JsonNode> ApiOperation(ApiCall call);

/// <summary>
/// Stripe's request pipeline, in order: authentication, rate limit, injected faults, parameter parsing and
/// validation, idempotency, execution; every answer carries Request-Id and Stripe-Version.
/// </summary>
internal static class SimulatorApiPipeline
{
    private const int MaxIdempotencyKeyLength = 255;

    public static RequestDelegate Handle(string prefix, ApiOperation operation) => http => RunAsync(http, prefix, operation);

    private static async Task RunAsync(HttpContext http, string prefix, ApiOperation operation)
    {
        var state = http.RequestServices.GetRequiredService<StripeSimulatorState>();
        var request = http.Request;
        var requestId = "req_" + SimulatorIds.Random(14);
        var idempotencyKey = request.Headers["Idempotency-Key"].FirstOrDefault() is { Length: > 0 } key ? key : null;
        http.Response.Headers["Request-Id"] = requestId;
        http.Response.Headers["Stripe-Version"] = Stripe.StripeConfiguration.ApiVersion;
        if (idempotencyKey is not null)
            http.Response.Headers["Idempotency-Key"] = idempotencyKey;

        if (Authenticate(request, state.Options) is not { } account)
        {
            await WriteErrorAsync(http, AuthenticationError(request));
            return;
        }
        if (request.Headers["Stripe-Version"].FirstOrDefault() is { Length: > 0 } version && version != Stripe.StripeConfiguration.ApiVersion)
        {
            // The simulator renders one API version only (the one Stripe.net pins); like stripe-mock's strict version
            // check, it refuses a client pinned to another rather than answer in a shape that client does not expect.
            await WriteErrorAsync(http, SimulatorApiError.Invalid(
                $"This simulator emulates API version {Stripe.StripeConfiguration.ApiVersion} only; the request asked for {version}."));
            return;
        }
        if (!state.TryConsumeRateLimit())
        {
            await WriteErrorAsync(http, RateLimited());
            return;
        }

        var fault = state.Faults.Take(request.Method, request.Path.Value![prefix.Length..]);
        if (FaultError(fault) is { } injected)
        {
            await WriteErrorAsync(http, injected);
            return;
        }

        Func<JsonNode> execute;
        ApiCall call;
        try
        {
            var parameters = await ReadParamsAsync(request);
            call = new ApiCall(http, parameters, requestId, idempotencyKey, state, $"{request.Scheme}://{request.Host}{request.PathBase}{prefix}");
            execute = operation(call);
            if (parameters.FirstUnused() is { } unknown)
                throw SimulatorApiError.Unknown(unknown);
            if (idempotencyKey?.Length > MaxIdempotencyKeyLength)
                throw SimulatorApiError.Invalid($"Idempotency-Key must be at most {MaxIdempotencyKeyLength} characters long.");
        }
        catch (SimulatorApiError error)
        {
            await WriteErrorAsync(http, error);
            return;
        }

        var usesKey = idempotencyKey is not null && HttpMethods.IsPost(request.Method);
        if (usesKey)
        {
            var decision = state.Idempotency.Begin(account, idempotencyKey!, $"{request.Method} {request.Path} {call.Params.Canonical()}");
            switch (decision.Outcome)
            {
                case IdempotencyOutcome.Mismatch:
                    await WriteErrorAsync(http, new SimulatorApiError(400, "idempotency_error",
                        "Keys for idempotent requests can only be used with the same parameters they were first used with. "
                        + $"Try using a key other than '{idempotencyKey}' if you meant to execute a different request."));
                    return;
                case IdempotencyOutcome.InFlight:
                    await WriteErrorAsync(http, new SimulatorApiError(409, "idempotency_error",
                        "There is currently another in-progress request using this Stripe-Idempotency-Key (that probably means you "
                        + $"submitted twice, and the other request is still going through): {idempotencyKey}. Please try again later.",
                        "idempotency_key_in_use"));
                    return;
                case IdempotencyOutcome.Replay:
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                    await WriteAsync(http, decision.Saved!);
                    return;
            }
        }

        SavedResponse response;
        try
        {
            response = Execute(execute);
            if (fault?.Effect == SimulatorFaultEffect.Delay)
                await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), state.Time, CancellationToken.None);
        }
        catch
        {
            if (usesKey)
                state.Idempotency.Forget(account, idempotencyKey!);
            throw;
        }
        if (usesKey)
            state.Idempotency.Complete(account, idempotencyKey!, response);

        if (fault?.Effect == SimulatorFaultEffect.DropResponse)
        {
            http.Abort();
            return;
        }
        await WriteAsync(http, response);
    }

    /// <summary>Errors from here on (resource_missing, charge_already_refunded, …) are saved against the key.</summary>
    private static SavedResponse Execute(Func<JsonNode> execute)
    {
        try
        {
            return new SavedResponse(200, SimJson.Serialize(execute()));
        }
        catch (SimulatorApiError error)
        {
            return new SavedResponse(error.Status, SimJson.Serialize(error.ToEnvelope()));
        }
    }

    /// <summary>
    /// Bearer, or Basic with the key as user name (docs/payments/stripe.md §1.2). Returns the key, which scopes
    /// idempotency.
    /// </summary>
    private static string? Authenticate(HttpRequest request, StripeSimulatorOptions options)
    {
        var key = ApiKey(request);
        if (key is null)
            return null;
        if (options.ApiKey is not null)
            return key == options.ApiKey ? key : null;
        return (key.StartsWith("sk_test_", StringComparison.Ordinal) || key.StartsWith("rk_test_", StringComparison.Ordinal)) && key.Length > 8
            ? key
            : null;
    }

    private static string? ApiKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.FirstOrDefault();
        if (authorization is null)
            return null;
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization[7..].Trim();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
                return decoded.Split(':')[0];
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return null;
    }

    private static SimulatorApiError AuthenticationError(HttpRequest request) => ApiKey(request) switch
    {
        null or "" => new SimulatorApiError(401, "invalid_request_error",
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth "
            + "(e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, "
            + "or we can help at https://support.stripe.com/."),
        var key => new SimulatorApiError(401, "invalid_request_error", $"Invalid API Key provided: {Mask(key)}"),
    };

    /// <summary>Stripe shows only the start and the last four characters of a rejected key.</summary>
    private static string Mask(string key) =>
        key.Length <= 12 ? new string('*', key.Length) : key[..8] + new string('*', key.Length - 12) + key[^4..];

    private static SimulatorApiError RateLimited() =>
        new(429, "invalid_request_error",
            "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.", "rate_limit");

    private static SimulatorApiError? FaultError(SimulatorFault? fault) => fault?.Effect switch
    {
        SimulatorFaultEffect.ServerError => new SimulatorApiError(500, "api_error",
            "Sorry, something went wrong. We've already been notified of the problem, but if you need any help, "
            + "you can reach us at support.stripe.com/contact.")
        { ShouldRetry = fault.ShouldRetry },
        SimulatorFaultEffect.LockTimeout => new SimulatorApiError(409, "invalid_request_error",
            "This object cannot be accessed right now because another API request or Stripe process is currently accessing it. "
            + "If you see this error intermittently, retry the request.", "lock_timeout"),
        SimulatorFaultEffect.RateLimit => RateLimited(),
        _ => null,
    };

    /// <summary>Query string and form body, merged as Rack does.</summary>
    private static async Task<ParamMap> ReadParamsAsync(HttpRequest request)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        Add(request.QueryString.Value);
        if (request.HasFormContentType)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            Add(await reader.ReadToEndAsync(request.HttpContext.RequestAborted));
        }
        return ParamNode.Parse(pairs);

        void Add(string? encoded)
        {
            foreach (var pair in new QueryStringEnumerable(encoded))
                pairs.Add(new(pair.DecodeName().ToString(), pair.DecodeValue().ToString()));
        }
    }

    private static Task WriteErrorAsync(HttpContext http, SimulatorApiError error)
    {
        if (error.ShouldRetry is { } retry)
            http.Response.Headers["Stripe-Should-Retry"] = retry ? "true" : "false";
        return WriteAsync(http, new SavedResponse(error.Status, SimJson.Serialize(error.ToEnvelope())));
    }

    private static async Task WriteAsync(HttpContext http, SavedResponse response)
    {
        http.Response.StatusCode = response.Status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = response.Body.Length;
        await http.Response.Body.WriteAsync(response.Body, http.RequestAborted);
    }
}
