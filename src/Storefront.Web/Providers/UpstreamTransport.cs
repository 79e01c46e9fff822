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
}
