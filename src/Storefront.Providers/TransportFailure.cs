using Storefront.Domain;

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
