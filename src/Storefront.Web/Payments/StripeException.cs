namespace Storefront.Payments;

/// <summary>A request Stripe answered with an error, or one that got no answer after the client's retries.</summary>
public sealed class StripeException : Exception
{
    public StripeException(string message, int? httpStatus, StripeError? error, string? requestId, string? idempotencyKey, Exception? inner = null)
        : base(message, inner)
    {
        HttpStatus = httpStatus;
        Type = error?.Type;
        Code = error?.Code;
        DeclineCode = error?.DeclineCode;
        Param = error?.Param;
        RequestId = requestId;
        IdempotencyKey = idempotencyKey;
        Kind = Classify(httpStatus, error);
    }

    /// <summary>Null when no response arrived (connection error or timeout), so the outcome is unknown.</summary>
    public int? HttpStatus { get; }

    /// <summary>api_error, card_error, idempotency_error or invalid_request_error.</summary>
    public string? Type { get; }

    /// <summary>For example resource_missing, charge_already_refunded, card_declined.</summary>
    public string? Code { get; }

    public string? DeclineCode { get; }

    public string? Param { get; }

    public string? RequestId { get; }

    public string? IdempotencyKey { get; }

    public StripeErrorKind Kind { get; }

    public bool IsCardError => Kind == StripeErrorKind.Card;

    /// <summary>The key was reused with different parameters: a bug in the caller, never retry with the same key.</summary>
    public bool IsIdempotencyError => Kind == StripeErrorKind.Idempotency;

    /// <summary>
    /// The request may or may not have been applied; retry later with the same idempotency key to find out.
    /// </summary>
    public bool OutcomeUnknown => Kind is StripeErrorKind.Connection or StripeErrorKind.Api;

    private static StripeErrorKind Classify(int? status, StripeError? error) => (status, error?.Type, error?.Code) switch
    {
        (null, _, _) => StripeErrorKind.Connection,
        (_, "card_error", _) or (402, _, _) => StripeErrorKind.Card,
        (_, "idempotency_error", _) when status is 400 or 404 => StripeErrorKind.Idempotency,
        (401, _, _) => StripeErrorKind.Authentication,
        (403, _, _) => StripeErrorKind.Permission,
        (429, _, _) or (400, _, "rate_limit") => StripeErrorKind.RateLimit,
        (400 or 404, _, _) => StripeErrorKind.InvalidRequest,
        _ => StripeErrorKind.Api,
    };
}

/// <summary>The error classes of Stripe's official libraries.</summary>
public enum StripeErrorKind
{
    InvalidRequest,
    Card,
    Idempotency,
    Authentication,
    Permission,
    RateLimit,
    Api,
    Connection,
}
