using System.Net.Http.Headers;

namespace Storefront.Payments;

/// <summary>When and how long to wait before retrying, as Stripe's official libraries do (stripe.md §1.9).</summary>
internal static class StripeRetryPolicy
{
    public static bool ShouldRetry(int status, HttpResponseHeaders headers)
    {
        if (headers.TryGetValues("Stripe-Should-Retry", out var values))
        {
            var advice = values.FirstOrDefault();
            if (string.Equals(advice, "true", StringComparison.OrdinalIgnoreCase))
                return true;
            if (string.Equals(advice, "false", StringComparison.OrdinalIgnoreCase))
                return false;
        }
        return status == 409 || status >= 500;
    }

    /// <summary>Initial × 2^(retry−1), capped, with 75–100 % jitter, never below the initial delay.</summary>
    public static TimeSpan Backoff(int retry, TimeSpan initial, TimeSpan max)
    {
        var exponential = initial * Math.Pow(2, retry - 1);
        var capped = exponential < max ? exponential : max;
        var jittered = capped * (0.75 + Random.Shared.NextDouble() * 0.25);
        return jittered > initial ? jittered : initial;
    }
}
