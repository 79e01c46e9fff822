using Storefront.Providers;
using Storefront.Providers.Esimfly;

namespace Storefront.Tests.Providers.Esimfly;

/// <summary>The business errors of docs/providers/esimfly.md §1.5 as the client and provider see them.</summary>
public class ErrorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_order_beyond_the_balance_fails_with_insufficient_balance_and_changes_nothing()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(o => o.StartingBalanceUsd = 1m);
        var request = new ProvisionRequest("ORD-200", "Ana - US", "PHAJHEAYP");

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Provider.CreateEsimAsync(request, None));

        Assert.Equal((400, EsimflyErrorCodes.InsufficientBalance, 0.44m), (error.HttpStatus, error.Code, error.NeedToLoad));
        Assert.Equal((false, false), (error.Retryable, error.OutcomeUnknown));
        Assert.Equal(1m, await sandbox.BalanceAsync());
        Assert.Equal(0, await sandbox.OrderCountAsync());
        Assert.Null(await sandbox.Provider.FindEsimAsync(request, None));
    }

    [Fact]
    public async Task A_top_up_beyond_the_balance_fails_with_insufficient_balance()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(o => o.StartingBalanceUsd = 2m);
        var esim = await sandbox.BuyAsync("PHAJHEAYP");
        await sandbox.ActivateAsync(esim.Iccid);

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() =>
            sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-200", "TOPUP_US5GB30D", null), None));

        Assert.Equal((400, EsimflyErrorCodes.InsufficientBalance), (error.HttpStatus, error.Code));
        Assert.Contains("Your current balance is $0.56. Required: $6.90", error.Message);
        Assert.Equal(1024L, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).DataTotalMb);
    }

    [Fact]
    public async Task An_unknown_package_fails_with_invalid_package()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.BuyAsync("NO-SUCH-PACKAGE"));

        Assert.Equal((400, EsimflyErrorCodes.InvalidPackage, false), (error.HttpStatus, error.Code, error.OutcomeUnknown));
        Assert.Equal(500m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task A_legacy_price_that_differs_from_the_current_one_fails_with_price_mismatch()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var answer = await sandbox.RawAsync(HttpMethod.Post, "esims/order", """{"packageCode":"PHAJHEAYP","packageName":"United States 1GB 7Days","price":1.00}""");

        Assert.Equal((400, EsimflyErrorCodes.PriceMismatch), (answer.Status, (string?)answer.Body!["code"]));
        Assert.Equal("Invalid price submitted", (string?)answer.Body["message"]);
    }

    [Theory]
    [InlineData("{}", "MISSING_PACKAGE_CODE")]
    [InlineData("""{"packageCode":"PHAJHEAYP","quantity":11}""", "MISSING_FIELDS")]
    [InlineData("not json", "MISSING_FIELDS")]
    public async Task A_malformed_order_is_refused_without_charging(string body, string code)
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var answer = await sandbox.RawAsync(HttpMethod.Post, "esims/order", body);

        Assert.Equal((400, code), (answer.Status, (string?)answer.Body!["code"]));
        Assert.Equal(500m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task An_unknown_order_reference_fails_with_order_not_found()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Client.GetOrderAsync("order_1_nopee", None));

        Assert.Equal((404, EsimflyErrorCodes.OrderNotFound, false), (error.HttpStatus, error.Code, error.Retryable));
    }

    [Fact]
    public async Task Reading_an_unknown_esim_fails_with_esim_not_found()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Provider.ReadEsimAsync("8943108170000000001", None));

        Assert.Equal((404, EsimflyErrorCodes.EsimNotFound), (error.HttpStatus, error.Code));
    }

    [Fact]
    public async Task A_top_up_of_an_unknown_esim_fails_with_esim_not_found()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Client.TopUpAsync("8943108170000000001", "TOPUP_US1GB7D", 1, None));

        Assert.Equal((400, EsimflyErrorCodes.EsimNotFound), (error.HttpStatus, error.Code));
    }

    [Fact]
    public async Task Reads_are_retried_through_passing_server_errors()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        await sandbox.FaultAsync("balance", "error", count: 1, status: 502);
        await sandbox.FaultAsync("balance", "error", count: 1, status: 500);

        Assert.Equal(500m, await sandbox.Provider.GetResellerBalanceAsync(None));
        Assert.Equal(3, (int)(await sandbox.StateAsync())["requests"]!["admitted"]!);
    }

    [Fact]
    public async Task Reads_give_up_after_the_configured_retries()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        await sandbox.FaultAsync("esims/usage/query", "error", count: 3, status: 503);

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Provider.ReadEsimAsync("8943108170000000001", None));

        Assert.Equal((503, "HTTP_503", true, false), (error.HttpStatus, error.Code, error.Retryable, error.OutcomeUnknown));
    }

    [Fact]
    public async Task A_server_error_on_an_order_is_not_retried_and_a_lookup_shows_nothing_was_bought()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var request = new ProvisionRequest("ORD-201", "Ana - US", "PHAJHEAYP");
        await sandbox.FaultAsync("esims/order", "error", method: "POST", status: 500);

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Provider.CreateEsimAsync(request, None));
        await Task.Delay(600);
        var found = await sandbox.Provider.FindEsimAsync(request, None);
        var bought = await sandbox.Provider.CreateEsimAsync(request, None);

        Assert.Equal((500, true, true), (error.HttpStatus, error.Retryable, error.OutcomeUnknown));
        Assert.Null(found);
        Assert.StartsWith("LPA:1$", bought.ActivationCode);
        Assert.Equal(1, await sandbox.OrderCountAsync());
    }
}
