using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Storefront.Providers;
using Storefront.Providers.PressOne;

namespace Storefront.Tests.Providers.PressOne;

public class ErrorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Order_beyond_the_balance_fails_with_insufficient_credit_and_charges_nothing()
    {
        await using var sandbox = await PressOneSandbox.StartAsync(o => o.StartingBalanceUsd = 5m);

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.BuyAsync());

        Assert.Equal((422, PressOneErrorCodes.InsufficientCredit, 11), (error.HttpStatus, error.Code, error.BusinessCode));
        Assert.Contains("Insufficient PressOne Credit", error.Message);
        Assert.False(error.Retryable);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(5m, await sandbox.Provider.GetResellerBalanceAsync(None));
        Assert.Equal(0, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task Balance_set_through_the_controls_is_what_orders_are_checked_against()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        await sandbox.SimAsync("balance", new { amount = 7.99m });

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.BuyAsync());
        await sandbox.SimAsync("balance", new { amount = 8m });
        await sandbox.BuyAsync();

        Assert.Equal(PressOneErrorCodes.InsufficientCredit, error.Code);
        Assert.Equal(0m, await sandbox.Provider.GetResellerBalanceAsync(None));
    }

    [Fact]
    public async Task Unknown_package_fails_with_invalid_package()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.BuyAsync("no-such-package"));

        Assert.Equal((422, PressOneErrorCodes.InvalidPackage), (error.HttpStatus, error.Code));
        Assert.Equal("The selected package is invalid.", error.Fields["package_id"]);
        Assert.False(error.OutcomeUnknown);
    }

    [Fact]
    public async Task Top_up_package_cannot_be_ordered_as_a_new_esim()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.BuyAsync(PressOneSandbox.JapanTopUp));

        Assert.Equal(PressOneErrorCodes.InvalidPackage, error.Code);
    }

    [Theory]
    [InlineData("test-insufficient-balance-7days-1gb", 11, PressOneErrorCodes.InsufficientCredit, false)]
    [InlineData("test-maintenance-mode-7days-1gb", 13, PressOneErrorCodes.OperatorMaintenance, true)]
    [InlineData("test-not-enough-7days-1gb", 33, PressOneErrorCodes.InsufficientStock, true)]
    [InlineData("test-out-of-stock-7days-1gb", 34, PressOneErrorCodes.PackageUnavailable, false)]
    public async Task Sandbox_test_packages_fail_with_their_business_code(string packageId, int businessCode, string code, bool retryable)
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.BuyAsync(packageId));

        Assert.Equal((422, code, businessCode, retryable, false), (error.HttpStatus, error.Code, error.BusinessCode, error.Retryable, error.OutcomeUnknown));
        Assert.Equal(500m, await sandbox.Provider.GetResellerBalanceAsync(None));
    }

    [Fact]
    public async Task Order_for_more_than_the_stock_fails_on_quantity()
    {
        await using var sandbox = await PressOneSandbox.StartAsync(o => o.Stock = 0);

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.BuyAsync());

        Assert.Equal(PressOneErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("SIM quantity is not available. Available quantity: 0.", error.Fields["quantity"]);
    }

    [Fact]
    public async Task Unknown_iccid_is_not_found_for_usage_details_instructions_and_history()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        const string unknown = "8910300000005271146";

        var errors = new[]
        {
            await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Provider.ReadEsimAsync(unknown, None)),
            await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Client.GetEsimAsync(unknown, false, None)),
            await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Client.GetInstructionsAsync(unknown, None)),
            await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Client.GetPackageHistoryAsync(unknown, None)),
            await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Client.GetOrderAsync(99, None)),
        };

        Assert.All(errors, e => Assert.Equal((404, PressOneErrorCodes.NotFound), (e.HttpStatus, e.Code)));
    }

    [Fact]
    public async Task Usage_beyond_the_per_iccid_limit_is_rate_limited_with_a_retry_after()
    {
        await using var sandbox = await PressOneSandbox.StartAsync(o => o.UsageRequestsPerMinute = 2);
        var esim = await sandbox.BuyAsync();
        await sandbox.Client.GetUsageAsync(esim.Iccid, None);
        await sandbox.Client.GetUsageAsync(esim.Iccid, None);

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Client.GetUsageAsync(esim.Iccid, None));

        Assert.Equal((429, PressOneErrorCodes.RateLimited, true), (error.HttpStatus, error.Code, error.Retryable));
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Call_without_a_token_gets_the_authentication_failed_body()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.ApiBase };

        using var response = await http.GetAsync("customer/v2/balance");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("Authentication failed.", (string?)body["meta"]!["message"]);
    }

    [Fact]
    public async Task Order_of_more_than_fifty_is_a_validation_error_naming_each_field()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.ApiBase };
        var token = JsonNode.Parse(await (await http.PostAsync("customer/v2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = Storefront.Sandbox.PressOne.PressOneSimulatorOptions.DefaultClientId,
            ["client_secret"] = Storefront.Sandbox.PressOne.PressOneSimulatorOptions.DefaultClientSecret,
            ["grant_type"] = "client_credentials",
        }))).Content.ReadAsStringAsync())!["data"]!["access_token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.PostAsync("customer/v2/orders", new StringContent(
            """{"quantity": 51, "package_id": "nope"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("The quantity may not be greater than 50.", (string?)body["data"]!["quantity"]);
        Assert.Equal("The selected package is invalid.", (string?)body["data"]!["package_id"]);
        Assert.Equal("the parameter is invalid", (string?)body["meta"]!["message"]);
    }

    [Fact]
    public async Task Order_without_a_package_is_refused_before_calling_upstream()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            sandbox.Provider.CreateEsimAsync(new ProvisionRequest("ORD-1", "Ken", null), None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sandbox.Client.SubmitOrderAsync("x", 51, null, None));
    }
}
