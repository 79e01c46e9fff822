namespace Storefront.Providers;

/// <summary>
/// An upstream call failed. <see cref="Retryable"/> says whether trying again later can succeed (rate limit, 5xx,
/// timeout); <see cref="OutcomeUnknown"/> says the upstream may have done the work (lost response), so a chargeable
/// call must be looked up before it is repeated. Each provider's client throws its own subclass, with the provider's
/// error codes.
/// </summary>
public class UpstreamException(string provider, string code, string message, bool retryable, bool outcomeUnknown = false,
    TimeSpan? retryAfter = null, Exception? inner = null, int? httpStatus = null) : Exception(message, inner)
{
    public string Provider { get; } = provider;
    public string Code { get; } = code;
    public bool Retryable { get; } = retryable;
    public bool OutcomeUnknown { get; } = outcomeUnknown;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>The HTTP status, or null when no response arrived.</summary>
    public int? HttpStatus { get; } = httpStatus;
}
