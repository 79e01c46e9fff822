namespace Storefront.Providers.Esimfly;

/// <summary>Error codes of the Business API (docs/providers/esimfly.md §1.2, §1.4) and the client's own.</summary>
public static class EsimflyErrorCodes
{
    public const string HmacRequired = "HMAC_REQUIRED";
    public const string InvalidApiKey = "INVALID_API_KEY";
    public const string InvalidSignature = "INVALID_SIGNATURE";
    public const string InvalidTimestamp = "INVALID_TIMESTAMP";
    public const string InvalidRequestId = "INVALID_REQUEST_ID";
    public const string DuplicateRequest = "DUPLICATE_REQUEST";
    public const string InvalidUser = "INVALID_USER";
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";
    public const string InsufficientBalance = "INSUFFICIENT_BALANCE";
    public const string InvalidPackage = "INVALID_PACKAGE";
    public const string PriceMismatch = "PRICE_MISMATCH";
    public const string MissingFields = "MISSING_FIELDS";
    public const string MissingPackageCode = "MISSING_PACKAGE_CODE";
    public const string OrderProcessingError = "ORDER_PROCESSING_ERROR";
    public const string OrderNotFound = "ORDER_NOT_FOUND";
    public const string EsimNotFound = "ESIM_NOT_FOUND";
    public const string EsimAccessDenied = "ESIM_ACCESS_DENIED";
    public const string EsimNotToppable = "ESIM_NOT_TOPPABLE";
    public const string InvalidTopUpPackage = "INVALID_TOPUP_PACKAGE";
    public const string TopUpNotSupported = "TOPUP_NOT_SUPPORTED";
    public const string MissingIccid = "MISSING_ICCID";

    public const string Timeout = "TIMEOUT";
    public const string ConnectionFailed = "CONNECTION_FAILED";
    public const string ResponseLost = "RESPONSE_LOST";
    public const string InvalidResponse = "INVALID_RESPONSE";
    public const string NotFound = "NOT_FOUND";
    /// <summary>The order was placed and paid but its eSIM is still being made (<c>pending_details</c>).</summary>
    public const string OrderPending = "ORDER_PENDING";
    /// <summary>The order's history status is failed / cancelled: paid for nothing, a person must follow up.</summary>
    public const string OrderFailed = "ORDER_FAILED";
    public const string OrderCancelled = "ORDER_CANCELLED";
    /// <summary>An order or top-up with an unknown outcome is not in the history yet, but it is too early to say it never happened.</summary>
    public const string LookupTooEarly = "LOOKUP_TOO_EARLY";
    /// <summary>An order or top-up was asked for again while an earlier one for the same reference has an unknown outcome.</summary>
    public const string OutcomeUnresolved = "OUTCOME_UNRESOLVED";
    /// <summary>The account is not in USD (the API also serves IQD accounts).</summary>
    public const string UnsupportedCurrency = "UNSUPPORTED_CURRENCY";
}
