using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Storefront.Tests.Support;

/// <summary>
/// A provider's webhook endpoint on another loopback port: records each raw body with its signature header, and
/// answers 500 to the next <see cref="FailNext"/> deliveries. Each provider's receiver reads the deliveries its way.
/// </summary>
internal abstract class RecordingWebhookReceiver(string path, string signatureHeader, IResult ok) : IAsyncDisposable
{
    private LoopbackHost? _host;
    private int _failuresLeft;

    public ConcurrentQueue<(string? Signature, byte[] Body)> Received { get; } = new();

    public Uri Url => new(Host.BaseAddress, path);

    private LoopbackHost Host => _host ?? throw new InvalidOperationException("The receiver is not listening yet.");

    /// <summary>Answers 500 to the next <paramref name="count"/> deliveries.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    protected async Task ListenAsync()
    {
        _host = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/" + path, async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            Received.Enqueue((request.Headers[signatureHeader].FirstOrDefault(), buffer.ToArray()));
            return Interlocked.Decrement(ref _failuresLeft) >= 0 ? Results.StatusCode(500) : ok;
        }));
    }

    /// <summary>Reads <paramref name="events"/> until <paramref name="done"/> holds, for 10 seconds at most.</summary>
    protected static async Task<IReadOnlyList<T>> WaitForAsync<T>(Func<IReadOnlyList<T>> events, Func<IReadOnlyList<T>, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var read = events();
            if (done(read)) return read;
            await Task.Delay(50);
        }
        return events();
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
