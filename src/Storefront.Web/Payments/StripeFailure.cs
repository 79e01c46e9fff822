using Stripe;

namespace Storefront.Payments;

/// <summary>
/// Stripe.net reports an answered error as <see cref="StripeException"/>, but lets a connection failure or a timeout
/// that outlived its retries surface as <see cref="HttpRequestException"/> or a cancellation. Callers that fall back
/// when Stripe is unavailable treat all three alike.
/// </summary>
public static class StripeFailure
{
    public static bool IsStripeFailure(this Exception exception, CancellationToken ct) =>
        exception is StripeException or HttpRequestException || (exception is OperationCanceledException && !ct.IsCancellationRequested);

    /// <summary>A short reason for logs and the order's timeline: the error code, never the message or the payload.</summary>
    public static string Reason(this Exception exception) => exception switch
    {
        StripeException e => e.StripeError?.Code ?? e.StripeError?.Type ?? $"HTTP {(int)e.HttpStatusCode}",
        HttpRequestException => "no connection",
        _ => "timeout",
    };
}
