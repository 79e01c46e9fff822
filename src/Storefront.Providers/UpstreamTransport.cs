using Storefront.Domain;

namespace Storefront.Providers;

public static class UpstreamTransport
{
    /// <summary>
    /// What an exception from <see cref="HttpClient.SendAsync(HttpRequestMessage, CancellationToken)"/> says about the
    /// request; null when it is not a transport failure (the caller itself cancelled). Only <see cref="TransportFailure.NotSent"/>
    /// proves a chargeable call did not happen, which is why every adapter asks here.
    /// </summary>
    public static TransportFailure? Classify(Exception e, CancellationToken callerToken) => e switch
    {
        OperationCanceledException when !callerToken.IsCancellationRequested => TransportFailure.Timeout,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError } => TransportFailure.NotSent,
        HttpRequestException => TransportFailure.ResponseLost,
        _ => null,
    };

    /// <summary>
    /// What to report when a request got no answer: TIMEOUT, CONNECTION_FAILED or RESPONSE_LOST, a message, and whether a
    /// chargeable call's outcome is now unknown (only a connection that never opened proves it did not happen). Logged
    /// with the operation and the ICCID's last digits.
    /// </summary>
    public static (string Code, string Message, bool OutcomeUnknown) Describe(TransportFailure failure, Exception e, string provider,
        string operation, string? iccid, TimeSpan timeout, bool mutation, ILogger logger)
    {
        if (failure == TransportFailure.Timeout)
        {
            logger.LogWarning("{Provider:l} {Operation} {Iccid} timed out", provider, operation, Iccids.Tail(iccid));
            return ("TIMEOUT", $"{provider} {operation} timed out after {timeout.TotalSeconds:0.#} s.", mutation);
        }
        logger.LogWarning("{Provider:l} {Operation} {Iccid} failed in transport ({Failure})", provider, operation, Iccids.Tail(iccid), failure);
        return failure == TransportFailure.NotSent
            ? ("CONNECTION_FAILED", $"{provider} {operation} failed: {e.Message}", false)
            : ("RESPONSE_LOST", $"{provider} {operation} failed: {e.Message}", mutation);
    }

    /// <summary>
    /// How long to wait before retrying a failed read: the upstream's Retry-After when it asks for one (null, meaning
    /// "do not retry now", when that is longer than <paramref name="maxDelay"/>), else 200 ms doubling up to the cap.
    /// </summary>
    public static TimeSpan? ReadRetryDelay(UpstreamException e, int attempt, TimeSpan maxDelay)
    {
        if (e.RetryAfter is { } retryAfter)
            return retryAfter <= maxDelay ? retryAfter : null;
        var backoff = TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1));
        return backoff < maxDelay ? backoff : maxDelay;
    }
}
