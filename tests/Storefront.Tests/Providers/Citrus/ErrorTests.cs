using System.Text.Json.Nodes;
using System.Net;
using System.Net.Http.Headers;
using Storefront.Providers.Citrus;

namespace Storefront.Tests.Providers.Citrus;

public class ErrorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Wrong_api_key_fails_with_invalid_api_key()
    {
        await using var sandbox = await CitrusSandbox.StartAsync(client: o => o.ApiKey = "rsk_not_the_right_key");

        var error = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Client.GetAccountAsync(None));

        Assert.Equal((401, CitrusErrorCodes.InvalidApiKey), (error.HttpStatus, error.Code));
        Assert.False(error.Retryable);
        Assert.Equal("citrus", error.Provider);
    }

    [Fact]
    public async Task Missing_api_key_is_answered_with_a_citrus_error_body()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.ApiBase };

        using var response = await http.GetAsync("account");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(CitrusErrorCodes.InvalidApiKey, (string?)body["error"]);
        Assert.False(string.IsNullOrEmpty((string?)body["message"]));
    }

    [Fact]
    public async Task Provision_without_enough_balance_fails_with_insufficient_balance()
    {
        await using var sandbox = await CitrusSandbox.StartAsync(o => o.StartingBalanceUsd = 1m);

        var error = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Client.ProvisionAsync("order-1", null, None));

        Assert.Equal((402, CitrusErrorCodes.InsufficientBalance), (error.HttpStatus, error.Code));
        Assert.False(error.OutcomeUnknown);
    }

    [Fact]
    public async Task Fund_beyond_the_balance_fails_with_insufficient_balance_and_changes_nothing()
    {
        await using var sandbox = await CitrusSandbox.StartAsync(o => o.StartingBalanceUsd = 11.75m);
        var esim = await sandbox.Client.ProvisionAsync("order-1", null, None);

        var error = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Client.FundAsync(esim.Iccid, 10.01m, None));

        Assert.Equal((402, CitrusErrorCodes.InsufficientBalance), (error.HttpStatus, error.Code));
        Assert.Equal(10m, (await sandbox.Client.GetWalletBalanceAsync(None)).BalanceUsd);
        Assert.Equal(0m, (await sandbox.Client.GetEsimAsync(esim.Iccid, None)).WalletBalanceUsd);
    }

    [Fact]
    public async Task Unknown_iccid_fails_with_esim_not_found()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Client.GetEsimAsync("8910300000000000000", None));

        Assert.Equal((404, CitrusErrorCodes.EsimNotFound), (error.HttpStatus, error.Code));
        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task Page_size_over_two_hundred_fails_with_validation_error()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Client.ListEsimsAsync(null, 500, 0, None));

        Assert.Equal((400, CitrusErrorCodes.ValidationError), (error.HttpStatus, error.Code));
    }

    [Theory]
    [InlineData("{\"amount\": 10.005}")]
    [InlineData("{\"amount\": 0}")]
    [InlineData("{\"amount\": \"10\"}")]
    [InlineData("not json")]
    public async Task Simulator_refuses_a_bad_fund_body_with_validation_error(string body)
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var esim = await sandbox.Client.ProvisionAsync("order-1", null, None);
        using var http = new HttpClient { BaseAddress = sandbox.ApiBase };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Storefront.Sandbox.Citrus.CitrusSimulatorOptions.DefaultApiKey);

        using var response = await http.PostAsync($"esim/{esim.Iccid}/fund", new StringContent(body, null, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(CitrusErrorCodes.ValidationError, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task Over_the_rate_limit_fails_with_rate_limited_and_the_wait_from_retry_after()
    {
        await using var sandbox = await CitrusSandbox.StartAsync(o => o.RateLimitPerMinute = 3);
        for (var i = 0; i < 3; i++) await sandbox.Client.GetAccountAsync(None);

        var error = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Client.GetAccountAsync(None));

        Assert.Equal((429, CitrusErrorCodes.RateLimited), (error.HttpStatus, error.Code));
        Assert.True(error.Retryable);
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Rate_limit_frees_up_when_the_minute_has_passed()
    {
        await using var sandbox = await CitrusSandbox.StartAsync(o => o.RateLimitPerMinute = 3);
        for (var i = 0; i < 3; i++) await sandbox.Client.GetAccountAsync(None);

        await sandbox.AdvanceAsync(TimeSpan.FromSeconds(61));

        Assert.Equal("active", (await sandbox.Client.GetAccountAsync(None)).AccountStatus);
    }

    [Fact]
    public async Task Empty_inventory_fails_with_no_esims_available_which_is_retryable_and_not_charged()
    {
        await using var sandbox = await CitrusSandbox.StartAsync(o => o.Inventory = 0);

        var error = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Client.ProvisionAsync("order-1", null, None));

        Assert.Equal((503, CitrusErrorCodes.NoEsimsAvailable), (error.HttpStatus, error.Code));
        Assert.True(error.Retryable);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(500m, (await sandbox.Client.GetWalletBalanceAsync(None)).BalanceUsd);
    }

    [Fact]
    public async Task Reads_are_retried_through_a_passing_bad_gateway()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        await sandbox.FaultAsync("wallet/balance", "error", count: 2, status: 502);

        var balance = await sandbox.Client.GetWalletBalanceAsync(None);

        Assert.Equal(500m, balance.BalanceUsd);
    }

    [Fact]
    public async Task Reads_give_up_after_the_configured_retries()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        await sandbox.FaultAsync("account", "error", count: 3, status: 503);

        var error = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Client.GetAccountAsync(None));

        Assert.Equal(503, error.HttpStatus);
        Assert.True(error.Retryable);
        Assert.False(error.OutcomeUnknown);
    }

    [Fact]
    public async Task A_bad_gateway_on_fund_is_not_retried_and_its_outcome_is_unknown()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var esim = await sandbox.Client.ProvisionAsync("order-1", null, None);
        await sandbox.FaultAsync("esim/*/fund", "error", count: 1, status: 502);

        var error = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Client.FundAsync(esim.Iccid, 10m, None));
        var fundedAfterwards = await sandbox.Client.FundAsync(esim.Iccid, 10m, None);

        Assert.True(error.OutcomeUnknown);
        Assert.True(error.Retryable);
        Assert.Equal(9.99m, fundedAfterwards.WalletBalanceUsd); // one $10 fund (retail model shows 9.99), not two
    }
}
