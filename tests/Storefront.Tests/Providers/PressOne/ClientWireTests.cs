using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Providers;
using Storefront.Providers.PressOne;
using Storefront.Sandbox.PressOne;
using Storefront.Tests.Support;

namespace Storefront.Tests.Providers.PressOne;

/// <summary>The client's wire behaviour against a scripted upstream, for what the simulator does not show.</summary>
public class ClientWireTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string TokenJson = """{"data":{"token_type":"Bearer","expires_in":31622400,"access_token":"tok-1"},"meta":{"message":"success"}}""";
    private const string OrderJson = """
        {"data":{"id":9666,"code":"20230227-009666","currency":"USD","package_id":"kallur-digital-7days-1gb","quantity":"1","type":"sim",
        "description":"ORD-1","validity":7,"price":9.5,"net_price":7.6,"created_at":"2023-02-27 14:09:55",
        "sims":[{"id":11047,"created_at":"2023-02-27 14:09:55","iccid":"891000000000009125","lpa":"lpa.airalo.com","imsis":null,
        "matching_id":"TEST","qrcode":"LPA:1$lpa.airalo.com$TEST","apn":{"ios":{"apn_type":"automatic","apn_value":null}}}]},"meta":{"message":"success"}}
        """;

    [Fact]
    public async Task Token_is_requested_with_urlencoded_client_credentials_and_calls_carry_the_bearer_and_accept_json()
    {
        var seen = new ConcurrentQueue<string>();
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app =>
        {
            app.MapPost("/customer/v2/token", async (HttpRequest request) =>
            {
                var form = await request.ReadFormAsync();
                seen.Enqueue($"{request.ContentType}|{form["client_id"]}|{form["client_secret"]}|{form["grant_type"]}");
                return Results.Text(TokenJson, "application/json");
            });
            app.MapGet("/customer/v2/balance", (HttpRequest request) =>
            {
                seen.Enqueue($"{request.Headers.Authorization}|{request.Headers.Accept}");
                return Results.Text("""{"data":{"balances":{"name":"balance","availableBalance":{"amount":1500,"currency":"USD"}}},"meta":{"message":"success"}}""", "application/json");
            });
        });
        using var services = Services(upstream.BaseAddress);

        var balance = await services.GetRequiredService<PressOneProvider>().GetResellerBalanceAsync(None);

        Assert.Equal(1500m, balance);
        Assert.Equal(
            ["application/x-www-form-urlencoded|wire-id|wire-secret|client_credentials", "Bearer tok-1|application/json"],
            seen);
    }

    [Fact]
    public async Task Order_is_sent_as_form_data_with_quantity_package_type_and_the_reference_as_description()
    {
        var seen = new ConcurrentQueue<string>();
        await using var upstream = await ScriptedAsync(app => app.MapPost("/customer/v2/orders", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            seen.Enqueue($"{request.ContentType?.Split(';')[0]}|{form["quantity"]}|{form["package_id"]}|{form["type"]}|{form["description"]}");
            return Results.Text(OrderJson, "application/json");
        }));
        using var services = Services(upstream.BaseAddress);

        var esim = await services.GetRequiredService<PressOneProvider>().CreateEsimAsync(
            new ProvisionRequest("ORD-1", "Ken", "kallur-digital-7days-1gb"), None);

        Assert.Equal("multipart/form-data|1|kallur-digital-7days-1gb|sim|ORD-1", Assert.Single(seen));
        Assert.Equal(new UpstreamEsim("891000000000009125", "LPA:1$lpa.airalo.com$TEST", "11047", null, "20230227-009666"), esim);
    }

    [Fact]
    public async Task Top_up_is_sent_as_form_data_with_package_iccid_and_description()
    {
        var seen = new ConcurrentQueue<string>();
        await using var upstream = await ScriptedAsync(app => app.MapPost("/customer/v2/orders/topups", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            seen.Enqueue($"{form["package_id"]}|{form["iccid"]}|{form["description"]}");
            return Results.Text("""{"data":{"id":111,"code":"20251118-000111","package_id":"change-7days-1gb-topup","currency":"USD","quantity":1,"type":"topup","description":"TOP-1","price":4.5,"net_price":3.6,"created_at":"2025-11-18 13:37:07"},"meta":{"message":"success"}}""", "application/json");
        }));
        using var services = Services(upstream.BaseAddress);

        var result = await services.GetRequiredService<PressOneProvider>().TopUpAsync("873000000000042542",
            new TopUpRequest("TOP-1", "change-7days-1gb-topup", null), None);

        Assert.Equal("change-7days-1gb-topup|873000000000042542|TOP-1", Assert.Single(seen));
        Assert.Equal(new TopUpResult("873000000000042542", "20251118-000111"), result);
    }

    [Fact]
    public async Task Order_without_an_esim_in_the_answer_is_outcome_unknown()
    {
        await using var upstream = await ScriptedAsync(app => app.MapPost("/customer/v2/orders", () =>
            Results.Text("""{"data":{"id":1,"code":"20230227-000001","package_id":"p","type":"sim","sims":[]},"meta":{"message":"success"}}""", "application/json")));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => services.GetRequiredService<PressOneProvider>().CreateEsimAsync(
            new ProvisionRequest("ORD-1", "Ken", "p"), None));

        Assert.Equal((PressOneErrorCodes.InvalidResponse, true), (error.Code, error.OutcomeUnknown));
    }

    [Fact]
    public void Lpa_is_built_from_the_smdp_address_and_matching_id_when_qrcode_is_absent()
    {
        var sim = new PressOneSim { Iccid = "891000000000009125", Lpa = "lpa.airalo.com", MatchingId = "TEST-1" };

        Assert.Equal("LPA:1$lpa.airalo.com$TEST-1", sim.ActivationCode);
    }

    [Fact]
    public async Task Business_validation_and_not_found_bodies_are_understood()
    {
        await using var upstream = await ScriptedAsync(app =>
        {
            app.MapPost("/customer/v2/orders", () => Results.Json(new { code = 34, reason = "Package out of stock" }, statusCode: 422));
            app.MapPost("/customer/v2/orders/topups", () => Results.Json(new
            {
                data = new { package_id = "validation.order_exceed_limit" },
                meta = new { message = "the parameter is invalid" },
            }, statusCode: 422));
            app.MapGet("/customer/v2/sims/{iccid}/usage", () => Results.Json(new { data = Array.Empty<int>(), meta = new { message = "messages.resource_not_found" } }, statusCode: 404));
        });
        using var services = Services(upstream.BaseAddress);
        var client = services.GetRequiredService<PressOneClient>();

        var business = await Assert.ThrowsAsync<PressOneApiException>(() => client.SubmitOrderAsync("p", 1, null, None));
        var validation = await Assert.ThrowsAsync<PressOneApiException>(() => client.SubmitTopUpAsync("873000000000042542", "p", null, None));
        var notFound = await Assert.ThrowsAsync<PressOneApiException>(() => client.GetUsageAsync("873000000000042542", None));

        Assert.Equal((PressOneErrorCodes.PackageUnavailable, 34, false), (business.Code, business.BusinessCode, business.OutcomeUnknown));
        Assert.Contains("Package out of stock", business.Message);
        Assert.Equal((PressOneErrorCodes.OrderLimitExceeded, "validation.order_exceed_limit"), (validation.Code, validation.Fields["package_id"]));
        Assert.Equal((404, PressOneErrorCodes.NotFound), (notFound.HttpStatus, notFound.Code));
    }

    [Fact]
    public async Task Times_in_plain_and_iso_form_and_numbers_in_strings_are_read()
    {
        await using var upstream = await ScriptedAsync(app =>
        {
            app.MapGet("/customer/v2/sims/{iccid}/usage", () => Results.Text(
                """{"data":{"remaining":"767","total":2048,"expired_at":"2022-01-01 00:00:00","is_unlimited":false,"status":"ACTIVE"},"meta":{"message":"api.succes"}}""",
                "application/json"));
            app.MapGet("/customer/v2/sims/{iccid}/packages", () => Results.Text(
                """{"data":[{"id":728,"status":"ACTIVE","remaining":2378,"activated_at":"2023-01-09T10:30:45+00:00","expired_at":"2023-02-09T10:30:45+00:00","finished_at":null,"package":{"id":"bonbon-mobile-30days-3gb-topup","type":"topup","price":10,"net_price":6,"amount":3072,"day":30,"is_unlimited":false,"title":"3 GB - 30 Days","data":"3 GB","short_info":null}}]}""",
                "application/json"));
        });
        using var services = Services(upstream.BaseAddress);
        var client = services.GetRequiredService<PressOneClient>();

        var usage = await client.GetUsageAsync("873000000000042542", None);
        var bucket = Assert.Single(await client.GetPackageHistoryAsync("873000000000042542", None));

        Assert.Equal((767L, 2048L), (usage.Remaining, usage.Total));
        Assert.Equal(new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero), usage.ExpiredAt);
        Assert.Equal(new DateTimeOffset(2023, 1, 9, 10, 30, 45, TimeSpan.Zero), bucket.ActivatedAt);
        Assert.Equal((2378L, 6m), (bucket.Remaining, bucket.Package!.NetPrice));
    }

    [Fact]
    public async Task Read_answered_429_is_retried_after_the_retry_after_wait()
    {
        var calls = 0;
        await using var upstream = await ScriptedAsync(app => app.MapGet("/customer/v2/balance", (HttpResponse response) =>
        {
            if (Interlocked.Increment(ref calls) > 1)
                return Results.Text("""{"data":{"balances":{"availableBalance":{"amount":27.5,"currency":"USD"}}}}""", "application/json");
            response.Headers.RetryAfter = "1";
            return Results.Json(new { message = "Too Many Attempts." }, statusCode: 429);
        }));
        using var services = Services(upstream.BaseAddress, maxRetryDelay: "00:00:02");
        var clock = Stopwatch.StartNew();

        var balance = await services.GetRequiredService<PressOneProvider>().GetResellerBalanceAsync(None);

        Assert.Equal(27.5m, balance);
        Assert.Equal(2, calls);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task Order_answered_with_an_html_bad_gateway_is_not_retried_and_its_outcome_is_unknown()
    {
        var calls = 0;
        await using var upstream = await ScriptedAsync(app => app.MapPost("/customer/v2/orders", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.Content("<html>502 Bad Gateway</html>", "text/html", statusCode: 502);
        }));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<PressOneApiException>(() =>
            services.GetRequiredService<PressOneClient>().SubmitOrderAsync("p", 1, "ORD-1", None));

        Assert.Equal(1, calls);
        Assert.Equal(("HTTP_502", 502, true, true), (error.Code, error.HttpStatus, error.Retryable, error.OutcomeUnknown));
    }

    [Fact]
    public async Task Balance_in_another_currency_is_refused_rather_than_read_as_usd()
    {
        await using var upstream = await ScriptedAsync(app => app.MapGet("/customer/v2/balance", () =>
            Results.Text("""{"data":{"balances":{"availableBalance":{"amount":250000,"currency":"NGN"}}}}""", "application/json")));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => services.GetRequiredService<PressOneProvider>().GetResellerBalanceAsync(None));

        Assert.Equal(PressOneErrorCodes.UnsupportedCurrency, error.Code);
    }

    [Fact]
    public async Task Provider_in_the_same_app_reaches_the_simulator_through_the_sandbox_redirect()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PressOne:BaseUrl"] = Storefront.Sandbox.SandboxRedirect.BaseUrl("pressone"),
            ["PressOne:ClientId"] = PressOneSimulatorOptions.DefaultClientId,
            ["PressOne:ClientSecret"] = PressOneSimulatorOptions.DefaultClientSecret,
        }).Build();
        await using var app = await LoopbackHost.StartAsync(
            services => services.AddPressOneSimulator()
                .AddPressOneProvider(configuration)
                .AddTransient<Storefront.Sandbox.SandboxRedirect>()
                .ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<Storefront.Sandbox.SandboxRedirect>()),
            web => web.MapPressOneSimulator("/sandbox/pressone"));

        var catalog = await app.Services.GetRequiredService<IEsimProvider>().FetchCatalogAsync(None);

        Assert.Contains(catalog.Countries, c => c.Iso2 == "JP");
    }

    [Theory]
    [InlineData("PressOne:ClientId")]
    [InlineData("PressOne:ClientSecret")]
    public void Missing_credentials_fail_at_start_naming_the_setting(string missing)
    {
        var settings = new Dictionary<string, string?> { ["PressOne:ClientId"] = "id", ["PressOne:ClientSecret"] = "secret" };
        settings.Remove(missing);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddPressOneProvider(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PressOneOptions>>().Value);

        Assert.Contains(missing, error.Message);
    }

    /// <summary>A scripted upstream that also answers the token request.</summary>
    private static Task<LoopbackHost> ScriptedAsync(Action<WebApplication> map) => LoopbackHost.StartAsync(_ => { }, app =>
    {
        app.MapPost("/customer/v2/token", () => Results.Text(TokenJson, "application/json"));
        map(app);
    });

    private static ServiceProvider Services(Uri baseAddress, string maxRetryDelay = "00:00:00.2")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PressOne:ClientId"] = "wire-id",
            ["PressOne:ClientSecret"] = "wire-secret",
            ["PressOne:BaseUrl"] = baseAddress.ToString(),
            ["PressOne:MaxRetryDelay"] = maxRetryDelay,
        }).Build();
        return new ServiceCollection().AddLogging().AddPressOneProvider(configuration).BuildServiceProvider();
    }
}
