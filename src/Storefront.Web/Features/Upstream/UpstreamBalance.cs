using Storefront.Infrastructure;
using Storefront.Providers;

namespace Storefront.Features.Upstream;

/// <summary>
/// The reseller's prepaid balance upstream as this node last knew it: read at most every <see cref="MaxAge"/> (checkouts
/// and orders share the upstream's rate limit, so neither pays for a read of its own), then lowered by what this node
/// commits to spend. Used to refuse a sale, or hold an order, that the balance cannot cover: an order started anyway
/// is charged the Citrus provision fee and then refused the fund, leaving an empty eSIM.
/// </summary>
public sealed class UpstreamBalance(IServiceScopeFactory scopes, TimeProvider clock, ILogger<UpstreamBalance> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>The attention reason of an order held for want of upstream balance; such orders are retried once it is back.</summary>
    public const string AttentionReason = "Waiting for the reseller balance upstream: it cannot pay for this order. Top it up; the order is then provisioned by itself.";

    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly Lock _gate = new();
    private decimal? _balance;
    private DateTimeOffset _readAt;

    /// <summary>
    /// Whether the balance covers <paramref name="costUsd"/>. True when the provider does not report its balance or the
    /// read fails: the upstream's own refusal then still stops the order, which waits for staff.
    /// </summary>
    public async Task<bool> CoversAsync(decimal costUsd, CancellationToken ct) => await CurrentAsync(ct) is not { } balance || balance >= costUsd;

    /// <summary>Counts <paramref name="costUsd"/> as spent until the next reading.</summary>
    public void Spend(decimal costUsd)
    {
        lock (_gate) _balance -= costUsd;
    }

    /// <summary>A reading made elsewhere (the balance check).</summary>
    public void Observed(decimal balanceUsd)
    {
        lock (_gate) (_balance, _readAt) = (balanceUsd, clock.GetUtcNow());
    }

    /// <summary>The upstream said the balance is short or has changed: read it again next time.</summary>
    public void Forget()
    {
        lock (_gate) _balance = null;
    }

    private async Task<decimal?> CurrentAsync(CancellationToken ct)
    {
        if (Fresh() is { } known) return known;
        await _reading.WaitAsync(ct);
        try
        {
            if (Fresh() is { } readMeanwhile) return readMeanwhile;
            await using var scope = scopes.CreateAsyncScope();
            var provider = scope.ServiceProvider.GetRequiredService<IEsimProvider>();
            if (provider is not IResellerBalance upstream) return null;
            var balance = await upstream.GetResellerBalanceAsync(ct);
            Observed(balance);
            return balance;
        }
        catch (UpstreamException e)
        {
            logger.LogWarning("Could not read the reseller balance upstream ({Error}); selling on", e.Message);
            lock (_gate) return _balance;
        }
        finally
        {
            _reading.Release();
        }
    }

    private decimal? Fresh()
    {
        lock (_gate) return _balance is { } balance && clock.GetUtcNow() - _readAt < MaxAge ? balance : null;
    }

    /// <summary>Whether an upstream refusal says the reseller balance is short (the codes each adapter reports for it).</summary>
    public static bool IsShortOfBalance(UpstreamException e) => e.Code is "INSUFFICIENT_BALANCE" or "INSUFFICIENT_CREDIT";
}
