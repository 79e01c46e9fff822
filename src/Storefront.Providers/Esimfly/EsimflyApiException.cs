namespace Storefront.Providers.Esimfly;

/// <summary>
/// A failed eSIMfly call. <see cref="UpstreamException.Code"/> is eSIMfly's <c>code</c> (see <see cref="EsimflyErrorCodes"/>)
/// or, for failures without one, TIMEOUT / CONNECTION_FAILED / RESPONSE_LOST / INVALID_RESPONSE / NOT_FOUND / HTTP_nnn.
/// </summary>
public sealed class EsimflyApiException(
    string code,
    string message,
    int? httpStatus,
    bool retryable,
    bool outcomeUnknown = false,
    TimeSpan? retryAfter = null,
    Exception? inner = null)
    : UpstreamException(EsimflyProvider.ProviderName, code, message, retryable, outcomeUnknown, retryAfter, inner, httpStatus)
{
    /// <summary>What INSUFFICIENT_BALANCE says is missing (<c>needToLoad</c>), in the account currency.</summary>
    public decimal? NeedToLoad { get; init; }
}
