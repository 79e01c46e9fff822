namespace Storefront.Providers.PressOne;

/// <summary>
/// Error codes for <see cref="PressOneApiException"/>, named after the Airalo v2 conventions
/// (docs/providers/pressone.md §3.2).
/// </summary>
public static class PressOneErrorCodes
{
    /// <summary>The token endpoint refused the client id (422) or secret (401).</summary>
    public const string InvalidClient = "INVALID_CLIENT";
    /// <summary>401 on an API call even with a fresh token.</summary>
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string NotFound = "NOT_FOUND";
    public const string RateLimited = "RATE_LIMITED";

    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string InvalidPackage = "INVALID_PACKAGE";
    public const string InvalidTopUpPackage = "INVALID_TOPUP_PACKAGE";
    public const string InvalidIccid = "INVALID_ICCID";
    public const string OrderLimitExceeded = "ORDER_LIMIT_EXCEEDED";

    /// <summary>Business code 11.</summary>
    public const string InsufficientCredit = "INSUFFICIENT_CREDIT";
    /// <summary>Business code 13.</summary>
    public const string OperatorMaintenance = "OPERATOR_MAINTENANCE";
    /// <summary>Business code 14.</summary>
    public const string InvalidChecksum = "INVALID_CHECKSUM";
    /// <summary>Business code 23.</summary>
    public const string TopUpDisabled = "TOPUP_DISABLED";
    /// <summary>Business code 33.</summary>
    public const string InsufficientStock = "INSUFFICIENT_STOCK";
    /// <summary>Business code 34.</summary>
    public const string PackageUnavailable = "PACKAGE_UNAVAILABLE";
    /// <summary>Business code 43.</summary>
    public const string BadRequest = "BAD_REQUEST";
    /// <summary>Business code 53.</summary>
    public const string UnexpectedError = "UNEXPECTED_ERROR";
    /// <summary>Business code 73.</summary>
    public const string SimRecycled = "SIM_RECYCLED";
    /// <summary>Business code 89 (HTTP 403).</summary>
    public const string IpNotAllowed = "IP_NOT_ALLOWED";
    /// <summary>A business code this client does not know.</summary>
    public const string BusinessError = "BUSINESS_ERROR";

    public const string Timeout = "TIMEOUT";
    public const string ConnectionFailed = "CONNECTION_FAILED";
    public const string ResponseLost = "RESPONSE_LOST";
    public const string InvalidResponse = "INVALID_RESPONSE";
    public const string UnsupportedCurrency = "UNSUPPORTED_CURRENCY";

    internal static string ForBusinessCode(int code) => code switch
    {
        11 => InsufficientCredit,
        13 => OperatorMaintenance,
        14 => InvalidChecksum,
        23 => TopUpDisabled,
        33 => InsufficientStock,
        34 => PackageUnavailable,
        43 => BadRequest,
        53 => UnexpectedError,
        73 => SimRecycled,
        89 => IpNotAllowed,
        _ => BusinessError,
    };
}
