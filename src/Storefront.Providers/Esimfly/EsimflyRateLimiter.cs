using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Storefront.Providers.Esimfly;

/// <summary>
/// The client's side of eSIMfly's per-key budget (seed: 1000 requests per hour, X-RateLimit-Limit/-Remaining/-Reset on
/// every response). One instance serves every caller in the process, so the budget is spent once: each request takes a
/// unit before it is sent, and the server's headers (or a 429) correct the count. When the budget is gone a call waits
/// for the reset if that is close (<see cref="EsimflyOptions.RateLimitMaxWait"/>), else it fails as retryable without
/// being sent. Reads also leave <see cref="EsimflyOptions.RateLimitReserveForOrders"/> units for orders and top-ups.
/// </summary>
public sealed class EsimflyRateLimiter
{
    public const string LimitHeader = "X-RateLimit-Limit";
    public const string RemainingHeader = "X-RateLimit-Remaining";
    public const string ResetHeader = "X-RateLimit-Reset";

    /// <summary>
    /// The window is undocumented (docs/providers/esimfly.md §1.3); a fixed hour from the first request is assumed
    /// until a reset header says.
    /// </summary>
    private static readonly TimeSpan AssumedWindow = TimeSpan.FromHours(1);
    private static readonly TimeSpan SameReset = TimeSpan.FromSeconds(2);

    /// <summary>X-RateLimit-Reset and Date have one-second resolution, so the reset is taken a second late.</summary>
    private static readonly TimeSpan HeaderResolution = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly EsimflyOptions _options;
    private readonly TimeProvider _time;
    private int _limit;
    private int _remaining;
    private DateTimeOffset? _resetAt;

    public EsimflyRateLimiter(IOptions<EsimflyOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _limit = _remaining = Math.Max(1, _options.RateLimitPerHour);
    }

    /// <summary>The budget as the client sees it now; <see cref="EsimflyRateLimitSnapshot.ResetsAt"/> is on this process's clock.</summary>
    public EsimflyRateLimitSnapshot Snapshot
    {
        get
        {
            lock (_gate)
            {
                Roll(_time.GetUtcNow());
                return new EsimflyRateLimitSnapshot(_limit, _remaining, _resetAt);
            }
        }
    }

    /// <summary>Takes one request from the budget, waiting for a near reset; throws RATE_LIMIT_EXCEEDED (nothing sent) otherwise.</summary>
    public async ValueTask AcquireAsync(bool chargeable, CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                Roll(now);
                var floor = chargeable ? 0 : Math.Min(_options.RateLimitReserveForOrders, _limit / 10);
                if (_remaining > floor)
                {
                    _remaining--;
                    _resetAt ??= now + AssumedWindow;
                    return;
                }
                _resetAt ??= now + AssumedWindow;
                wait = _resetAt.Value - now;
            }
            if (wait > _options.RateLimitMaxWait)
                throw new EsimflyApiException(EsimflyErrorCodes.RateLimitExceeded,
                    $"The eSIMfly request budget is spent until the window resets in {wait.TotalSeconds:0} s; the request was not sent.",
                    httpStatus: null, retryable: true, retryAfter: wait);
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(10), _time, ct);
        }
    }

    /// <summary>Corrects the budget from a response's X-RateLimit-* headers, and empties it on a 429 until the reset.</summary>
    public void Observe(HttpResponseMessage response)
    {
        var now = _time.GetUtcNow();
        var limit = IntHeader(response, LimitHeader);
        var remaining = IntHeader(response, RemainingHeader);
        var resetAt = ResetAt(response, now);
        var refused = response.StatusCode == HttpStatusCode.TooManyRequests;
        if (refused)
        {
            remaining = 0;
            if (RetryAfter(response, now) is { } retryAfter) resetAt = Later(resetAt, now + retryAfter);
            resetAt ??= now + AssumedWindow;
        }
        if (limit is null && remaining is null && resetAt is null) return;

        lock (_gate)
        {
            Roll(now);
            if (limit is > 0) _limit = limit.Value;
            var newWindow = resetAt is { } r && (_resetAt is not { } known || r > known + SameReset);
            if (resetAt is not null) _resetAt = resetAt;
            if (remaining is { } left) _remaining = newWindow ? left : Math.Min(_remaining, left);
            _remaining = Math.Clamp(_remaining, 0, _limit);
        }
    }

    /// <summary>The wait a 429 asks for: Retry-After, else the time to X-RateLimit-Reset.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - (response.Headers.Date ?? now) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => ResetAt(response, now) is { } reset ? Max(reset - now, TimeSpan.Zero) : null,
    };

    /// <summary>
    /// X-RateLimit-Reset is documented as ISO 8601; an older page showed Unix seconds (docs/providers/esimfly.md §1.3),
    /// so both are read, and milliseconds too. The instant is moved onto this process's clock through the response's
    /// Date header.
    /// </summary>
    internal static DateTimeOffset? ResetAt(HttpResponseMessage response, DateTimeOffset now)
    {
        if (!response.Headers.TryGetValues(ResetHeader, out var values) || values.FirstOrDefault()?.Trim() is not { Length: > 0 } text)
            return null;
        DateTimeOffset serverReset;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            serverReset = number switch
            {
                > 100_000_000_000 => DateTimeOffset.FromUnixTimeMilliseconds(number),
                > 1_000_000_000 => DateTimeOffset.FromUnixTimeSeconds(number),
                _ => (response.Headers.Date ?? now) + TimeSpan.FromSeconds(number),
            };
        else if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out serverReset))
            return null;
        return now + (serverReset - (response.Headers.Date ?? now)) + HeaderResolution;
    }

    private void Roll(DateTimeOffset now)
    {
        if (_resetAt is not { } reset || now < reset) return;
        _remaining = _limit;
        _resetAt = null;
    }

    private static int? IntHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>The client's view of the rate-limit budget.</summary>
public sealed record EsimflyRateLimitSnapshot(int Limit, int Remaining, DateTimeOffset? ResetsAt);
