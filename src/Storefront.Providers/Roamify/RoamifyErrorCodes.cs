namespace Storefront.Providers.Roamify;

public static class RoamifyErrorCodes
{
    /// <summary>401: missing, malformed, unknown or rotated token.</summary>
    public const string Unauthorized = "UNAUTHORIZED";
    /// <summary>403: the token is valid but the feature is not enabled for the partner.</summary>
    public const string Forbidden = "FORBIDDEN";
    /// <summary>400 without a more specific reading: invalid payload or missing fields (e.g. <c>"items" is required</c>).</summary>
    public const string ValidationError = "VALIDATION_ERROR";
    public const string NotFound = "NOT_FOUND";
    /// <summary>409: "read a 409 before retrying" (docs/providers/roamify.md §2.2).</summary>
    public const string Conflict = "CONFLICT";
    public const string Unprocessable = "UNPROCESSABLE";
    public const string InsufficientBalance = "INSUFFICIENT_BALANCE";
    /// <summary>Apply without the startDate a travel-date package needs.</summary>
    public const string StartDateRequired = "START_DATE_REQUIRED";
    public const string InvalidStartDate = "INVALID_START_DATE";
    /// <summary>"eSIM is still pending processing": the profile is being generated; read the eSIM instead of re-applying.</summary>
    public const string EsimPending = "ESIM_PENDING";
    /// <summary>The eSIM's package has <c>withUsageCheck=false</c>.</summary>
    public const string UsageNotSupported = "USAGE_NOT_SUPPORTED";
    public const string TopUpNotAllowed = "TOPUP_NOT_ALLOWED";
    /// <summary>The package is not in the catalogue (checked before ordering; Roamify itself answers 500 "Unknown error").</summary>
    public const string PackageNotFound = "PACKAGE_NOT_FOUND";
    /// <summary>
    /// 500 "Unknown error", observed e.g. for an order with an invalid packageId (docs/providers/roamify.md §2.2).
    /// </summary>
    public const string UnknownError = "UNKNOWN_ERROR";
    public const string ServerError = "SERVER_ERROR";
    public const string RateLimited = "RATE_LIMITED";
    /// <summary>A 2xx answer whose envelope says <c>"status":"failed"</c>.</summary>
    public const string Failed = "FAILED";

    /// <summary>An earlier order exists for the reference but has no eSIM yet (e.g. PENDING or REQUIRE_ACTION).</summary>
    public const string OrderNotReady = "ORDER_NOT_READY";
    /// <summary>The eSIM profile was not ready within <see cref="RoamifyOptions.ApplyWaitLimit"/>.</summary>
    public const string ProfileNotReady = "PROFILE_NOT_READY";
    public const string Timeout = "TIMEOUT";
    public const string ConnectionFailed = "CONNECTION_FAILED";
    public const string ResponseLost = "RESPONSE_LOST";
    public const string InvalidResponse = "INVALID_RESPONSE";
}
