namespace Storefront.Providers.CloudeSim;

public static class CloudeSimErrorCodes
{
    public const string Unauthorized = "UNAUTHORIZED";
    public const string InsufficientBalance = "INSUFFICIENT_BALANCE";
    public const string PackageNotFound = "PACKAGE_NOT_FOUND";
    public const string NotFound = "NOT_FOUND";
    public const string NotCompatible = "NOT_COMPATIBLE";
    public const string InvalidStatus = "INVALID_STATUS";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string RateLimited = "RATE_LIMITED";
    public const string ServerError = "SERVER_ERROR";
    /// <summary><c>success:false</c> with a text this adapter does not recognise.</summary>
    public const string Rejected = "REJECTED";

    public const string Timeout = "TIMEOUT";
    public const string ConnectionFailed = "CONNECTION_FAILED";
    public const string ResponseLost = "RESPONSE_LOST";
    public const string InvalidResponse = "INVALID_RESPONSE";

    /// <summary>The order was placed and paid, but its eSIMs were not allocated within the allocation timeout.</summary>
    public const string AllocationPending = "ALLOCATION_PENDING";

    /// <summary>The order was placed and paid, but <c>ac</c> is a bare matching id and no SM-DP+ address is known.</summary>
    public const string ActivationCodeIncomplete = "ACTIVATION_CODE_INCOMPLETE";
}
