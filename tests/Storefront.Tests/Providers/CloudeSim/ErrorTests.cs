using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.CloudeSim;
using Storefront.Sandbox.CloudeSim;

namespace Storefront.Tests.Providers.CloudeSim;

public class ErrorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_wrong_token_fails_as_unauthorized()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync(client: o => o.ApiToken = "not-the-token");

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Client.GetBalanceAsync(None));

        Assert.Equal((401, CloudeSimErrorCodes.Unauthorized, false), (error.HttpStatus, error.Code, error.Retryable));
        Assert.Equal("cloudesim", error.Provider);
    }

    [Fact]
    public async Task A_missing_token_is_answered_401_with_a_cloudesim_error_body()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.ApiBase };

        using var response = await http.GetAsync("account/balance");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"success":false,"errorMsg":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_order_beyond_the_balance_fails_with_the_required_and_available_amounts_and_charges_nothing()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync(o => o.StartingBalanceUsd = 1.25m);
        var request = new ProvisionRequest("ORD-1", "Ana - USA", "ESIM_1GB_7D_US");

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.CreateEsimAsync(request, None));

        Assert.Equal((402, CloudeSimErrorCodes.InsufficientBalance, 3.50m, 1.25m), (error.HttpStatus, error.Code, error.RequiredUsd, error.AvailableUsd));
        Assert.Equal("Insufficient balance. Required: $3.50, available: $1.25", error.UpstreamMessage);
        Assert.False(error.OutcomeUnknown);
        Assert.False(error.Retryable);
        Assert.Equal(1.25m, await sandbox.BalanceAsync());
        Assert.Null(await sandbox.Provider.FindEsimAsync(request, None));
    }

    [Fact]
    public async Task An_unknown_package_fails_as_package_not_found()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Client.OrderAsync("ESIM_1GB_7D_XX", 1, null, None));

        Assert.Equal((404, CloudeSimErrorCodes.PackageNotFound, false), (error.HttpStatus, error.Code, error.OutcomeUnknown));
    }

    [Fact]
    public async Task An_order_without_a_package_code_fails_as_an_invalid_request()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Client.OrderAsync("", 1, null, None));

        Assert.Equal((400, CloudeSimErrorCodes.InvalidRequest, "packageCode is required"), (error.HttpStatus, error.Code, error.UpstreamMessage));
        Assert.False(error.OutcomeUnknown);
    }

    [Fact]
    public async Task An_unknown_iccid_fails_as_not_found()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.ReadEsimAsync("89852400000000000000", None));

        Assert.Equal((404, CloudeSimErrorCodes.NotFound, "eSIM not found", false), (error.HttpStatus, error.Code, error.UpstreamMessage, error.Retryable));
    }

    [Theory]
    [InlineData("esim/query", "{}", "iccid or orderNo is required")]
    [InlineData("esim/order", """{"packageCode":"ESIM_1GB_7D_US","quantity":31}""", "quantity must be an integer between 1 and 30")]
    [InlineData("esim/order", """{"packageCode":"ESIM_1GB_7D_US","quantity":"1"}""", "quantity must be an integer between 1 and 30")]
    [InlineData("esim/order", """{"packageCode":"TOPUP_1GB_7D_US"}""", "TOPUP packages need the iccid of the eSIM to top up")]
    [InlineData("esim/topup", """{"packageCode":"TOPUP_1GB_7D_US"}""", "iccid is required")]
    [InlineData("esim/cancel", "{}", "iccid or esimTranNo is required")]
    [InlineData("packages", """{"type":"ADDON"}""", "type must be BASE or TOPUP")]
    [InlineData("packages", "[1]", "The body must be a JSON object")]
    public async Task Simulator_refuses_bad_bodies_with_400_and_an_error_message(string path, string body, string message)
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.ApiBase };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CloudeSimSimulatorOptions.DefaultApiToken);

        using var response = await http.PostAsync(path, new StringContent(body, null, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((false, message), ((bool)json["success"]!, (string?)json["errorMsg"]));
    }

    [Fact]
    public async Task In_always_200_mode_errors_still_fail_with_their_codes()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync(o =>
        {
            o.ErrorStatus = CloudeSimErrorStatusModes.Always200;
            o.StartingBalanceUsd = 5m;
        });
        var france = await sandbox.OrderAsync("ESIM_1GB_7D_FR");
        var wrongToken = sandbox.ProviderWith(o => o.ApiToken = "wrong");

        var balance = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.OrderAsync("ESIM_5GB_30D_JP", "ORD-2"));
        var package = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.OrderAsync("NOPE", "ORD-3"));
        var notFound = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.ReadEsimAsync("89852400000000000000", None));
        var compatible = await Assert.ThrowsAsync<CloudeSimApiException>(() =>
            sandbox.Provider.TopUpAsync(france.Iccid, new TopUpRequest("TOP-1", "TOPUP_1GB_7D_US", null), None));
        var unauthorized = await Assert.ThrowsAsync<CloudeSimApiException>(() => wrongToken.GetResellerBalanceAsync(None));

        Assert.All([balance, package, notFound, compatible, unauthorized], e => Assert.Equal(200, e.HttpStatus));
        Assert.Equal((CloudeSimErrorCodes.InsufficientBalance, 14.00m, 2.00m), (balance.Code, balance.RequiredUsd, balance.AvailableUsd));
        Assert.Equal(CloudeSimErrorCodes.PackageNotFound, package.Code);
        Assert.Equal(CloudeSimErrorCodes.NotFound, notFound.Code);
        Assert.Equal(CloudeSimErrorCodes.NotCompatible, compatible.Code);
        Assert.Equal(CloudeSimErrorCodes.Unauthorized, unauthorized.Code);
        Assert.All([balance, package, compatible], e => Assert.False(e.OutcomeUnknown));
    }

    [Fact]
    public async Task Reads_are_retried_through_passing_server_errors()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        await sandbox.FaultAsync("account/balance", "error", count: 2, status: 502);
        await sandbox.FaultAsync("esim/query", "error", count: 1, status: 500);
        var esim = await sandbox.OrderAsync();

        Assert.Equal(500m - 3.50m, await sandbox.Provider.GetResellerBalanceAsync(None));
        Assert.Equal(EsimState.NotInstalled, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).State);
    }

    [Fact]
    public async Task Reads_give_up_after_the_configured_retries_as_a_retryable_server_error()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        await sandbox.FaultAsync("packages", "error", count: 3, status: 503);

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.FetchCatalogAsync(None));

        Assert.Equal((503, CloudeSimErrorCodes.ServerError, true, false), (error.HttpStatus, error.Code, error.Retryable, error.OutcomeUnknown));
    }

    [Fact]
    public async Task A_read_that_times_out_once_is_retried()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var impatient = sandbox.ProviderWith(o => o.Timeout = TimeSpan.FromSeconds(1));
        await sandbox.FaultAsync("account/balance", "hang");

        Assert.Equal(500m, await impatient.GetResellerBalanceAsync(None));
    }

    [Fact]
    public async Task A_server_error_on_an_order_is_not_retried_and_its_outcome_is_unknown()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        await sandbox.FaultAsync("esim/order", "error", count: 1, status: 502);

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.OrderAsync());

        Assert.Equal((502, CloudeSimErrorCodes.ServerError, false, true), (error.HttpStatus, error.Code, error.Retryable, error.OutcomeUnknown));
        Assert.Equal(0, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task Random_server_errors_can_be_switched_on_for_every_call()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        await sandbox.SettingsAsync(new { errorRate = 1 });

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Client.GetBalanceAsync(None));
        await sandbox.Control.DeleteAsync("faults");

        Assert.Contains(error.HttpStatus, new int?[] { 500, 502, 503 });
        Assert.Equal(500m, await sandbox.BalanceAsync());
    }
}
