namespace Storefront.Providers;

/// <summary>How an upstream call failed before any answer arrived.</summary>
public enum TransportFailure
{
    /// <summary>No answer within the timeout: the request may have been processed.</summary>
    Timeout,
    /// <summary>The connection never opened: the upstream cannot have seen the request.</summary>
    NotSent,
    /// <summary>The request went out and the answer was lost (reset, cut off): it may have been processed.</summary>
    ResponseLost,
}

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
