namespace Storefront.Providers.Roamify;

/// <summary>
/// A failed Roamify call. <see cref="UpstreamException.Code"/> is one of <see cref="RoamifyErrorCodes"/>: Roamify sends a
/// code only for refunds (docs/providers/roamify.md §2.2), so the client derives one from the HTTP status and the
/// message.
/// </summary>
public sealed class RoamifyApiException(
    string code,
    string message,
    int? httpStatus,
    bool retryable,
    bool outcomeUnknown = false,
    TimeSpan? retryAfter = null,
    Exception? inner = null)
    : UpstreamException(RoamifyProvider.ProviderName, code, message, retryable, outcomeUnknown, retryAfter, inner, httpStatus);
