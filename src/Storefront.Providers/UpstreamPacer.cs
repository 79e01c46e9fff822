namespace Storefront.Providers;

/// <summary>
/// Spaces the calls to an upstream with a known request limit evenly, a little under that limit, so work queues here
/// instead of being refused with 429 (each refusal costs a retry and a wait). Calls for orders go first; background
/// reads (usage and catalogue sweeps, marked with <see cref="Background"/>) take the slots no order is waiting for, so a
/// sweep of every eSIM cannot starve the orders. One instance per upstream and process: with several store nodes,
/// give each its share of the limit.
/// </summary>
public sealed class UpstreamPacer
{
    /// <summary>Paced a little under the limit: the upstream counts arrivals, which network jitter moves closer together.</summary>
    public const double Headroom = 0.97;

    private static readonly AsyncLocal<bool> InBackground = new();

    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource> _orders = new();
    private readonly Queue<TaskCompletionSource> _background = new();
    private DateTimeOffset _next;
    private bool _dispatching;
    private long _sent;
    private long _refused;

    public UpstreamPacer(int requestsPerMinute, TimeProvider clock)
    {
        _interval = TimeSpan.FromMinutes(1) / (requestsPerMinute * Headroom);
        _clock = clock;
        _next = clock.GetUtcNow();
    }

    /// <summary>Calls made so far, and how many the upstream refused with 429 anyway.</summary>
    public (long Sent, long Refused) Counts => (Interlocked.Read(ref _sent), Interlocked.Read(ref _refused));

    /// <summary>Marks the calls made inside the scope as background work: they wait while orders are waiting.</summary>
    public static IDisposable Background()
    {
        var outer = InBackground.Value;
        InBackground.Value = true;
        return new Restore(outer);
    }

    /// <summary>Waits for this call's slot.</summary>
    public async Task AcquireAsync(CancellationToken ct)
    {
        var slot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            (InBackground.Value ? _background : _orders).Enqueue(slot);
            start = !_dispatching;
            _dispatching = true;
        }
        if (start) _ = Task.Run(DispatchAsync);
        await using var cancelled = ct.Register(() => slot.TrySetCanceled(ct));
        await slot.Task;
    }

    public void Observe(HttpResponseMessage response)
    {
        Interlocked.Increment(ref _sent);
        if ((int)response.StatusCode == 429) Interlocked.Increment(ref _refused);
    }

    /// <summary>Hands out one slot per interval, orders first, until nobody waits.</summary>
    private async Task DispatchAsync()
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _clock.GetUtcNow();
                wait = _next - now;
                if (wait <= TimeSpan.Zero)
                {
                    // A slot given to a caller that gave up is not lost: the next one waiting takes it.
                    while (Dequeue() is { } slot)
                    {
                        if (!slot.TrySetResult()) continue;
                        _next = (_next > now - _interval ? _next : now) + _interval;
                        break;
                    }
                    if (_orders.Count == 0 && _background.Count == 0)
                    {
                        _dispatching = false;
                        return;
                    }
                    continue;
                }
            }
            await Task.Delay(wait, _clock);
        }
    }

    private TaskCompletionSource? Dequeue() =>
        _orders.TryDequeue(out var order) ? order : _background.TryDequeue(out var background) ? background : null;

    private sealed class Restore(bool outer) : IDisposable
    {
        public void Dispose() => InBackground.Value = outer;
    }
}

/// <summary>Takes a slot from the <see cref="UpstreamPacer"/> before each request, and counts the answers.</summary>
public sealed class UpstreamPacingHandler(UpstreamPacer pacer) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await pacer.AcquireAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        pacer.Observe(response);
        return response;
    }
}

public static class UpstreamPacingExtensions
{
    /// <summary>
    /// Paces this client's calls to <paramref name="requestsPerMinute"/> (0: no pacing), with one
    /// <see cref="UpstreamPacer"/> per process, registered under the provider's name.
    /// </summary>
    public static IHttpClientBuilder AddPacing(this IHttpClientBuilder client, string provider, int requestsPerMinute)
    {
        if (requestsPerMinute < 0)
            throw new InvalidOperationException($"The request limit of {provider} must be 0 (no pacing) or a number of requests per minute.");
        if (requestsPerMinute == 0) return client;
        client.Services.AddKeyedSingleton(provider, (sp, _) => new UpstreamPacer(requestsPerMinute, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return client.AddHttpMessageHandler(sp => new UpstreamPacingHandler(sp.GetRequiredKeyedService<UpstreamPacer>(provider)));
    }
}
