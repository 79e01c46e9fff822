namespace Storefront.Providers.Citrus;

/// <summary>
/// A failed Citrus call. <see cref="UpstreamException.Code"/> is Citrus's error code (see <see cref="CitrusErrorCodes"/>)
/// or, for transport failures, TIMEOUT / CONNECTION_FAILED / RESPONSE_LOST / INVALID_RESPONSE / HTTP_nnn.
/// </summary>
public sealed class CitrusApiException(
    string code,
    string message,
    int? httpStatus,
    bool retryable,
    bool outcomeUnknown = false,
    TimeSpan? retryAfter = null,
    Exception? inner = null)
    : UpstreamException(CitrusProvider.ProviderName, code, message, retryable, outcomeUnknown, retryAfter, inner, httpStatus);
