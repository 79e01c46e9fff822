namespace Storefront.Providers.CloudeSim;

/// <summary>
/// A failed CloudeSIM call. <see cref="UpstreamException.Code"/> is one of <see cref="CloudeSimErrorCodes"/>, derived
/// from <c>errorMsg</c> (CloudeSIM has no error codes, only texts) or from the transport failure.
/// </summary>
public sealed class CloudeSimApiException(
    string code,
    string message,
    int? httpStatus,
    bool retryable,
    bool outcomeUnknown = false,
    TimeSpan? retryAfter = null,
    Exception? inner = null)
    : UpstreamException(CloudeSimProvider.ProviderName, code, message, retryable, outcomeUnknown, retryAfter, inner, httpStatus)
{
    /// <summary>The upstream's own text (<c>errorMsg</c>), when it sent one.</summary>
    public string? UpstreamMessage { get; init; }

    /// <summary>For <see cref="CloudeSimErrorCodes.InsufficientBalance"/>: "Required: $X" from the message.</summary>
    public decimal? RequiredUsd { get; init; }

    /// <summary>For <see cref="CloudeSimErrorCodes.InsufficientBalance"/>: "available: $Y" from the message.</summary>
    public decimal? AvailableUsd { get; init; }

    /// <summary>The order number when the order was placed but could not be completed (allocation, activation code).</summary>
    public string? OrderNo { get; init; }
}
