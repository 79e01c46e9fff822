using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Providers;
using Storefront.Providers.Esimfly;
using Storefront.Sandbox.Esimfly;

namespace Storefront.Tests.Providers.Esimfly;

/// <summary>
/// 1000 requests per hour per key with X-RateLimit-* headers (seed; docs/providers/esimfly.md §1.3), with a smaller
/// limit for speed.
/// </summary>
public class RateLimitTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Every_answer_carries_the_rate_limit_headers()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var answer = await sandbox.RawAsync(HttpMethod.Get, "balance");

        Assert.Equal("1000", answer.Response.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("999", answer.Response.Headers.GetValues("X-RateLimit-Remaining").Single());
        var reset = DateTimeOffset.Parse(answer.Response.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(reset - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task The_client_takes_its_budget_from_the_headers()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(o => o.RateLimitPerHour = 40);

        for (var i = 0; i < 3; i++) await sandbox.Client.GetBalanceAsync(None);

        var budget = sandbox.Limiter.Snapshot;
        Assert.Equal((40, 37), (budget.Limit, budget.Remaining));
        Assert.InRange(budget.ResetsAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(61));
    }

    [Theory]
    [InlineData(EsimflyResetFormats.Iso8601)]
    [InlineData(EsimflyResetFormats.UnixSeconds)]
    public async Task The_reset_header_is_understood_as_iso_8601_or_unix_seconds(string format)
    {
        await using var sandbox = await EsimflySandbox.StartAsync(o =>
        {
            o.ResetHeaderFormat = format;
            o.RateLimitWindow = TimeSpan.FromMinutes(10);
        });

        await sandbox.Client.GetBalanceAsync(None);

        Assert.InRange(sandbox.Limiter.Snapshot.ResetsAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(11));
    }

    [Fact]
    public async Task The_shared_limiter_stops_every_caller_before_the_server_has_to_refuse()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(o => o.RateLimitPerHour = 3);
        var first = sandbox.Main.GetRequiredService<IResellerBalance>();
        var second = sandbox.Main.GetRequiredService<IResellerBalance>();

        await first.GetResellerBalanceAsync(None);
        await second.GetResellerBalanceAsync(None);
        await first.GetResellerBalanceAsync(None);
        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => second.GetResellerBalanceAsync(None));

        Assert.Equal((EsimflyErrorCodes.RateLimitExceeded, null, true), (error.Code, error.HttpStatus, error.Retryable));
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(61));
        var requests = (await sandbox.StateAsync())["requests"]!;
        Assert.Equal((3, 0), ((int)requests["admitted"]!, (int)requests["refused_rate_limit"]!));
    }

    [Fact]
    public async Task A_429_is_retryable_with_the_wait_it_names_and_the_client_then_holds_back()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(o => o.RateLimitPerHour = 2);
        for (var i = 0; i < 2; i++) await sandbox.Client.GetBalanceAsync(None);
        var otherProcess = sandbox.Process().GetRequiredService<EsimflyClient>();

        var refused = await Assert.ThrowsAsync<EsimflyApiException>(() => otherProcess.GetBalanceAsync(None));
        var heldBack = await Assert.ThrowsAsync<EsimflyApiException>(() => otherProcess.GetBalanceAsync(None));

        Assert.Equal((429, EsimflyErrorCodes.RateLimitExceeded, true), (refused.HttpStatus, refused.Code, refused.Retryable));
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(61));
        Assert.Null(heldBack.HttpStatus);
        Assert.Equal(1, (int)(await sandbox.StateAsync())["requests"]!["refused_rate_limit"]!);
    }

    [Fact]
    public async Task A_429_on_an_order_is_not_retried_and_nothing_was_bought()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(o => o.RateLimitPerHour = 1);
        await sandbox.Client.GetBalanceAsync(None);
        var otherProcess = sandbox.Process().GetRequiredService<EsimflyClient>();

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => otherProcess.OrderAsync("PHAJHEAYP", 1, None));

        Assert.Equal((429, true, false), (error.HttpStatus, error.Retryable, error.OutcomeUnknown));
        Assert.Equal(0, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task A_read_waits_for_a_window_that_resets_within_the_allowed_wait()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(o =>
        {
            o.RateLimitPerHour = 2;
            o.RateLimitWindow = TimeSpan.FromSeconds(2);
        });
        for (var i = 0; i < 2; i++) await sandbox.Client.GetBalanceAsync(None);
        var clock = Stopwatch.StartNew();

        var balance = await sandbox.Client.GetBalanceAsync(None);

        Assert.Equal(500m, balance.Balance);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.5), $"answered after {clock.Elapsed}");
        Assert.Equal(0, (int)(await sandbox.StateAsync())["requests"]!["refused_rate_limit"]!);
    }

    [Fact]
    public async Task Reads_leave_a_reserve_of_the_budget_for_orders()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(o => o.RateLimitPerHour = 20);
        for (var i = 0; i < 18; i++) await sandbox.Client.GetBalanceAsync(None);

        var read = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Client.GetBalanceAsync(None));
        var order = await sandbox.Client.OrderAsync("PHAJHEAYP", 1, None);

        Assert.Equal((EsimflyErrorCodes.RateLimitExceeded, null), (read.Code, read.HttpStatus));
        Assert.False(string.IsNullOrEmpty(order.OrderReference));
    }

    [Fact]
    public async Task The_reset_is_read_against_the_servers_date_so_a_moved_clock_does_not_confuse_the_client()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(o => o.RateLimitWindow = TimeSpan.FromMinutes(10));
        await sandbox.AdvanceAsync(TimeSpan.FromHours(5));

        await sandbox.Client.GetBalanceAsync(None);

        Assert.InRange(sandbox.Limiter.Snapshot.ResetsAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(11));
    }

    [Fact]
    public async Task Advancing_past_the_window_frees_the_budget_again()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(o => o.RateLimitPerHour = 2);
        for (var i = 0; i < 2; i++) await sandbox.Client.GetBalanceAsync(None);

        await sandbox.AdvanceAsync(TimeSpan.FromMinutes(61));
        var answer = await sandbox.RawAsync(HttpMethod.Get, "balance");

        Assert.Equal(200, answer.Status);
        Assert.Equal("1", answer.Response.Headers.GetValues("X-RateLimit-Remaining").Single());
    }
}
