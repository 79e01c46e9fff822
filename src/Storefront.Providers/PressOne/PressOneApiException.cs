namespace Storefront.Providers.PressOne;

/// <summary>
/// A failed PressOne call. <see cref="UpstreamException.Code"/> is one of <see cref="PressOneErrorCodes"/>: a business
/// refusal (<see cref="BusinessCode"/> 11, 73, …), a validation failure (<see cref="Fields"/>), NOT_FOUND,
/// UNAUTHENTICATED, RATE_LIMITED, or a transport failure (TIMEOUT / CONNECTION_FAILED / RESPONSE_LOST / INVALID_RESPONSE
/// / HTTP_nnn).
/// </summary>
public sealed class PressOneApiException(
    string code,
    string message,
    int? httpStatus,
    bool retryable,
    bool outcomeUnknown = false,
    TimeSpan? retryAfter = null,
    int? businessCode = null,
    IReadOnlyDictionary<string, string>? fields = null,
    Exception? inner = null)
    : UpstreamException(PressOneProvider.ProviderName, code, message, retryable, outcomeUnknown, retryAfter, inner, httpStatus)
{
    /// <summary>The numeric <c>code</c> of a 422 <c>{"code": n, "reason": …}</c> body.</summary>
    public int? BusinessCode { get; } = businessCode;

    /// <summary>Per-field messages of a 422 validation body (<c>{"data": {field: message}}</c>).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; } = fields ?? new Dictionary<string, string>();
}
