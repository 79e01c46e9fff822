using Storefront.Providers.PressOne;

namespace Storefront.Tests.Providers.PressOne;

public class TokenTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Token_is_obtained_once_and_reused_across_many_calls()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        for (var i = 0; i < 5; i++) await sandbox.Provider.GetResellerBalanceAsync(None);
        await sandbox.Provider.FetchCatalogAsync(None);
        await sandbox.BuyAsync();

        Assert.Equal(1, await sandbox.TokensIssuedAsync());
    }

    [Fact]
    public async Task Concurrent_first_calls_share_one_token_request()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sandbox.Provider.GetResellerBalanceAsync(None)));

        Assert.Equal(1, await sandbox.TokensIssuedAsync());
    }

    [Fact]
    public async Task Token_is_renewed_shortly_before_its_lifetime_runs_out_without_a_refused_call()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        await using var sandbox = await PressOneSandbox.StartAsync(time: clock);
        await sandbox.Provider.GetResellerBalanceAsync(None);

        clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(50));
        await sandbox.Provider.GetResellerBalanceAsync(None);
        var beforeMargin = await sandbox.TokensIssuedAsync();
        clock.Advance(TimeSpan.FromMinutes(6));
        await sandbox.Provider.GetResellerBalanceAsync(None);

        Assert.Equal(1, beforeMargin);
        Assert.Equal(2, await sandbox.TokensIssuedAsync());
        Assert.Equal(0, (int)(await sandbox.SimGetAsync("state"))["auth_failures"]!);
    }

    [Fact]
    public async Task Token_refused_with_401_is_renewed_once_and_the_call_succeeds()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        await sandbox.Provider.GetResellerBalanceAsync(None);

        await sandbox.SimAsync("tokens/expire");
        var balance = await sandbox.Provider.GetResellerBalanceAsync(None);

        Assert.Equal(500m, balance);
        Assert.Equal(2, await sandbox.TokensIssuedAsync());
        Assert.Equal(1, (int)(await sandbox.SimGetAsync("state"))["auth_failures"]!);
    }

    [Fact]
    public async Task Order_refused_with_401_is_replayed_once_with_a_new_token_and_charged_once()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        await sandbox.Provider.GetResellerBalanceAsync(None);

        await sandbox.SimAsync("tokens/expire");
        var esim = await sandbox.BuyAsync();

        Assert.StartsWith("LPA:1$", esim.ActivationCode);
        Assert.Equal(1, await sandbox.OrderCountAsync());
        Assert.Equal(500m - 8m, await sandbox.Provider.GetResellerBalanceAsync(None));
    }

    [Fact]
    public async Task A_401_that_persists_with_a_new_token_is_unauthenticated_after_one_renewal()
    {
        await using var sandbox = await PressOneSandbox.StartAsync(o => o.TokenLifetime = TimeSpan.FromTicks(1));

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Provider.GetResellerBalanceAsync(None));

        Assert.Equal((401, PressOneErrorCodes.Unauthenticated), (error.HttpStatus, error.Code));
        Assert.False(error.Retryable);
        Assert.Equal(2, await sandbox.TokensIssuedAsync());
    }

    [Fact]
    public async Task Wrong_client_secret_fails_with_invalid_client()
    {
        await using var sandbox = await PressOneSandbox.StartAsync(client: o => o.ClientSecret = "not-the-secret");

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Provider.GetResellerBalanceAsync(None));

        Assert.Equal((401, PressOneErrorCodes.InvalidClient), (error.HttpStatus, error.Code));
        Assert.Contains("Client authentication failed", error.Message);
        Assert.False(error.Retryable);
        Assert.Equal("pressone", error.Provider);
    }

    [Fact]
    public async Task Wrong_client_id_fails_with_invalid_client_and_names_the_field()
    {
        await using var sandbox = await PressOneSandbox.StartAsync(client: o => o.ClientId = "someone-else");

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Provider.FetchCatalogAsync(None));

        Assert.Equal((422, PressOneErrorCodes.InvalidClient), (error.HttpStatus, error.Code));
        Assert.Equal("The selected client id is invalid.", error.Fields["client_id"]);
        Assert.Equal(0, await sandbox.TokensIssuedAsync());
    }

    [Fact]
    public async Task Clients_created_one_after_another_share_the_process_token()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        await sandbox.Client.GetBalanceAsync(None);
        await sandbox.Client.GetBalanceAsync(None);
        await sandbox.Provider.GetResellerBalanceAsync(None);

        Assert.NotSame(sandbox.Client, sandbox.Client);
        Assert.Equal(1, await sandbox.TokensIssuedAsync());
    }

    [Fact]
    public async Task Token_requests_beyond_three_a_minute_are_rate_limited()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        for (var i = 0; i < 3; i++)
            await sandbox.ProviderWith(_ => { }).GetResellerBalanceAsync(None);

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.ProviderWith(_ => { }).GetResellerBalanceAsync(None));

        Assert.Equal((429, PressOneErrorCodes.RateLimited), (error.HttpStatus, error.Code));
        Assert.True(error.Retryable);
        Assert.NotNull(error.RetryAfter);
    }
}
