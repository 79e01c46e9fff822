namespace Storefront.Providers.Citrus;

/// <summary>Error codes of the reseller API (docs/providers/citrus.md §2.2).</summary>
public static class CitrusErrorCodes
{
    public const string InvalidApiKey = "INVALID_API_KEY";
    public const string InsufficientBalance = "INSUFFICIENT_BALANCE";
    public const string EsimNotFound = "ESIM_NOT_FOUND";
    public const string EsimAlreadyTerminated = "ESIM_ALREADY_TERMINATED";
    public const string ValidationError = "VALIDATION_ERROR";
    public const string NoEsimsAvailable = "NO_ESIMS_AVAILABLE";
    public const string EsimInGroup = "ESIM_IN_GROUP";
    public const string DefundAlreadyPending = "DEFUND_ALREADY_PENDING";
    public const string NoBalanceToReturn = "NO_BALANCE_TO_RETURN";
    public const string WalletNotReady = "WALLET_NOT_READY";
    public const string RateLimited = "RATE_LIMITED";

    public const string Timeout = "TIMEOUT";
    public const string ConnectionFailed = "CONNECTION_FAILED";
    public const string ResponseLost = "RESPONSE_LOST";
    public const string InvalidResponse = "INVALID_RESPONSE";
}
