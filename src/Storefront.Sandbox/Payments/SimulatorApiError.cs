using System.Text.Json.Nodes;

namespace Storefront.Sandbox.Payments;

/// <summary>An error answer in Stripe's envelope: <c>{"error":{"type","code","message","param",…}}</c>.</summary>
internal sealed class SimulatorApiError(int status, string type, string message, string? code = null, string? param = null) : Exception(message)
{
    public int Status { get; } = status;

    public string Type { get; } = type;

    public string? Code { get; } = code;

    public string? Param { get; } = param;

    public string? DeclineCode { get; init; }

    /// <summary>Sent as Stripe-Should-Retry when set.</summary>
    public bool? ShouldRetry { get; init; }

    public JsonObject ToEnvelope()
    {
        var error = new JsonObject();
        if (Code is not null)
            error["code"] = Code;
        if (DeclineCode is not null)
            error["decline_code"] = DeclineCode;
        if (Code is not null)
            error["doc_url"] = "https://stripe.com/docs/error-codes/" + Code.Replace('_', '-');
        error["message"] = Message;
        if (Param is not null)
            error["param"] = Param;
        error["request_log_url"] = null;
        error["type"] = Type;
        return new JsonObject { ["error"] = error };
    }

    public static SimulatorApiError Invalid(string message, string? param = null, string? code = null) =>
        new(400, "invalid_request_error", message, code, param);

    public static SimulatorApiError Missing(string param) =>
        Invalid($"Missing required param: {param}.", param, "parameter_missing");

    public static SimulatorApiError Unknown(string param) =>
        Invalid($"Received unknown parameter: {param}", param, "parameter_unknown");

    public static SimulatorApiError InvalidInteger(string param, string value) =>
        Invalid($"Invalid integer: {value}", param, "parameter_invalid_integer");

    public static SimulatorApiError NoSuch(string objectName, string id, string param) =>
        new(404, "invalid_request_error", $"No such {objectName}: '{id}'", "resource_missing", param);
}
