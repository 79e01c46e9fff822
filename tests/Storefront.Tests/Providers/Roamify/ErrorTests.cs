using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Storefront.Providers;
using Storefront.Providers.Roamify;
using Storefront.Sandbox.Roamify;

namespace Storefront.Tests.Providers.Roamify;

public class ErrorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_wrong_token_fails_with_unauthorized_which_is_not_retried()
    {
        await using var sandbox = await RoamifySandbox.StartAsync(client: o => o.AccessToken = "roamify_not_the_right_one");

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => sandbox.Client.GetBalanceAsync(None));

        Assert.Equal((401, RoamifyErrorCodes.Unauthorized, false, "roamify"), (error.HttpStatus, error.Code, error.Retryable, error.Provider));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic cm9hbWlmeQ==")]
    [InlineData("Bearer")]
    public async Task A_missing_or_malformed_authorization_is_answered_in_roamify_error_shape(string? header)
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.ApiBase };
        if (header is not null) http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);

        using var response = await http.GetAsync("api/balance");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(("failed", "Unauthorized"), ((string?)body["status"], (string?)body["message"]));
    }

    [Fact]
    public async Task A_rotated_token_is_refused_at_once_and_the_new_one_works()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        var rotated = (string)(await sandbox.SimAsync("tokens/rotate"))["token"]!;
        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => sandbox.Client.GetBalanceAsync(None));
        var withNew = sandbox.ClientWith(o => o.AccessToken = rotated);

        Assert.Equal(RoamifyErrorCodes.Unauthorized, error.Code);
        Assert.StartsWith("roamify_", rotated);
        Assert.Equal(500m, (await withNew.GetBalanceAsync(None)).Balance);
    }

    [Theory]
    [InlineData("{}", "\"items\" is required")]
    [InlineData("""{"items":[]}""", "\"items\" must contain at least 1 items")]
    [InlineData("""{"items":[{"packageId":"esim-japan-7days-1gb-all"}]}""", "\"items[0].quantity\" is required")]
    [InlineData("""{"items":[{"packageId":"esim-japan-7days-1gb-all","quantity":"1"}]}""", "\"items[0].quantity\" must be a number")]
    [InlineData("""{"packageId":"esim-japan-7days-1gb-all","items":[{"packageId":"esim-japan-7days-1gb-all","quantity":1}]}""", "\"packageId\" is not allowed")]
    [InlineData("not json", "The body is not valid JSON")]
    public async Task An_invalid_order_body_is_refused_with_a_joi_style_error(string body, string message)
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.ApiBase };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RoamifySimulatorOptions.DefaultAccessToken);

        using var response = await http.PostAsync("api/esim/order", new StringContent(body, null, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (string?)JsonNode.Parse(text)!["error"]);
        Assert.Equal((RoamifyErrorCodes.ValidationError, message), RoamifyClient.Classify(400, text));
        Assert.Empty(await sandbox.OrdersAsync());
    }

    [Fact]
    public async Task An_order_for_an_unknown_package_fails_with_roamify_unknown_error_whose_outcome_is_unknown()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() =>
            sandbox.Client.CreateOrderAsync([new RoamifyOrderItemRequest("esim-atlantis-7days-1gb-all", 1)], "ORD-1", None));

        Assert.Equal((500, RoamifyErrorCodes.UnknownError, true, true), (error.HttpStatus, error.Code, error.Retryable, error.OutcomeUnknown));
    }

    [Fact]
    public async Task Strict_validation_refuses_an_unknown_package_with_a_400()
    {
        await using var sandbox = await RoamifySandbox.StartAsync(o => o.StrictValidation = true);

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() =>
            sandbox.Client.CreateOrderAsync([new RoamifyOrderItemRequest("esim-atlantis-7days-1gb-all", 1)], "ORD-1", None));

        Assert.Equal((400, RoamifyErrorCodes.ValidationError, false), (error.HttpStatus, error.Code, error.OutcomeUnknown));
    }

    [Fact]
    public async Task The_provider_refuses_an_unknown_package_before_ordering_anything()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => sandbox.BuyAsync("esim-atlantis-7days-1gb-all"));

        Assert.Equal((RoamifyErrorCodes.PackageNotFound, false, false), (error.Code, error.Retryable, error.OutcomeUnknown));
        Assert.Empty(await sandbox.OrdersAsync());
    }

    [Fact]
    public async Task An_order_beyond_the_balance_fails_with_insufficient_balance_and_changes_nothing()
    {
        await using var sandbox = await RoamifySandbox.StartAsync(o => o.StartingBalanceUsd = 4m);

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => sandbox.BuyAsync("esim-japan-7days-1gb-all"));

        Assert.Equal((400, RoamifyErrorCodes.InsufficientBalance, false, false), (error.HttpStatus, error.Code, error.Retryable, error.OutcomeUnknown));
        Assert.Equal(4m, await sandbox.BalanceAsync());
        Assert.Empty(await sandbox.OrdersAsync());
        var insufficient = (await sandbox.SimGetAsync("events")).AsArray().Single()!;
        Assert.Equal(("partner", "insufficient_balance"), ((string?)insufficient["event_category"], (string?)insufficient["event_type"]));
    }

    [Fact]
    public async Task A_top_up_beyond_the_balance_fails_with_insufficient_balance()
    {
        await using var sandbox = await RoamifySandbox.StartAsync(o => o.StartingBalanceUsd = 8m);
        var esim = await sandbox.BuyAsync("esim-france-7days-1gb-all");

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() =>
            sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "esim-france-30days-5gb-all", null), None));

        Assert.Equal(RoamifyErrorCodes.InsufficientBalance, error.Code);
        Assert.Equal(4.50m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task Unknown_iccid_and_esim_id_fail_with_not_found()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        var usage = await Assert.ThrowsAsync<RoamifyApiException>(() => sandbox.Client.GetUsageAsync("8940000000000000000", None));
        var apply = await Assert.ThrowsAsync<RoamifyApiException>(() =>
            sandbox.Client.ApplyAsync("b06036c5-eadc-4f88-aa31-8c207fec91ec", null, None));
        var order = await sandbox.Client.FindOrderByReferenceAsync("never-used", None);

        Assert.Equal((404, RoamifyErrorCodes.NotFound, false), (usage.HttpStatus, usage.Code, usage.Retryable));
        Assert.Equal((404, RoamifyErrorCodes.NotFound, false), (apply.HttpStatus, apply.Code, apply.OutcomeUnknown));
        Assert.Null(order);
    }

    [Fact]
    public async Task Over_the_optional_rate_limit_fails_with_rate_limited_and_the_wait_from_retry_after()
    {
        await using var sandbox = await RoamifySandbox.StartAsync(o => o.RateLimitPerMinute = 3);
        for (var i = 0; i < 3; i++) await sandbox.Client.GetBalanceAsync(None);

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => sandbox.Client.GetBalanceAsync(None));

        Assert.Equal((429, RoamifyErrorCodes.RateLimited, true), (error.HttpStatus, error.Code, error.Retryable));
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Reads_are_retried_through_passing_server_errors()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        await sandbox.FaultAsync("api/balance", "error", count: 2, status: 502);

        Assert.Equal(500m, await sandbox.Provider.GetResellerBalanceAsync(None));
    }

    [Fact]
    public async Task Reads_give_up_after_the_configured_retries()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        await sandbox.FaultAsync("api/esim/countries", "error", count: 3, status: 500);

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => sandbox.Client.GetCountriesAsync(None));

        Assert.Equal((500, RoamifyErrorCodes.ServerError, true, false), (error.HttpStatus, error.Code, error.Retryable, error.OutcomeUnknown));
    }

    [Fact]
    public async Task Every_catalogue_page_is_retried_through_a_server_error()
    {
        await using var sandbox = await RoamifySandbox.StartAsync(o => o.ErrorRate = 0.3);
        var client = sandbox.ProviderWith(o =>
        {
            o.PageSize = 5;
            o.ReadRetries = 6;
        });

        var catalog = await client.FetchCatalogAsync(None);

        Assert.Equal(47, catalog.Packages.Count);
    }

    [Fact]
    public async Task A_server_error_on_order_is_not_retried_and_its_outcome_is_unknown()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        await sandbox.FaultAsync("api/esim/order", "error", count: 1, status: 503);

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => sandbox.BuyAsync("esim-japan-7days-1gb-all"));

        Assert.Equal((503, true, true), (error.HttpStatus, error.Retryable, error.OutcomeUnknown));
        Assert.Empty(await sandbox.OrdersAsync());
    }

    [Fact]
    public async Task A_revoked_esim_refuses_top_ups()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-france-7days-1gb-all");
        await sandbox.SimAsync($"esims/{esim.Iccid}/revoke");

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() =>
            sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-1", "esim-france-7days-1gb-all", null), None));

        Assert.Equal((400, RoamifyErrorCodes.TopUpNotAllowed), (error.HttpStatus, error.Code));
    }

    [Theory]
    [InlineData(409, RoamifyErrorCodes.EsimPending, """{"status":"failed","message":"eSIM is still pending processing"}""")]
    [InlineData(400, RoamifyErrorCodes.InsufficientBalance, """{"status":"failed","message":"Insufficient balance"}""")]
    [InlineData(400, RoamifyErrorCodes.StartDateRequired, """{"status":"failed","message":"startDate is required for this package."}""")]
    [InlineData(403, RoamifyErrorCodes.Forbidden, """{"status":"failed","message":"Vouchers are not enabled"}""")]
    [InlineData(422, "REFUND_NOT_ALLOWED", """{"message":"Refund not allowed","status":"failed","code":"REFUND_NOT_ALLOWED"}""")]
    [InlineData(500, RoamifyErrorCodes.UnknownError, """{"message":"Unknown error","status":"failed"}""")]
    [InlineData(502, RoamifyErrorCodes.ServerError, "<html>Bad gateway</html>")]
    public void Error_bodies_are_read_into_codes(int status, string code, string body) =>
        Assert.Equal(code, RoamifyClient.Classify(status, body).Code);
}
