using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain;
using Storefront.Features.Install;
using Storefront.Providers;
using Storefront.Providers.CloudeSim;
using Storefront.Sandbox.CloudeSim;
using Storefront.Tests.Support;

namespace Storefront.Tests.Providers.CloudeSim;

/// <summary>The client's wire behaviour against a scripted upstream, for answers the simulator does not give.</summary>
public class ClientWireTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Lpa = "LPA:1$rsp.example.com$ABCD1234";

    [Fact]
    public async Task Order_posts_camel_case_json_with_the_bearer_token_under_the_base_path()
    {
        var seen = new ConcurrentQueue<(string Path, string? Auth, string? Type, string Body)>();
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/api/v1/esim/order", async (HttpRequest request) =>
        {
            seen.Enqueue((request.Path, request.Headers.Authorization, request.ContentType, await new StreamReader(request.Body).ReadToEndAsync()));
            return Results.Text("""{"success":true,"obj":{"orderNo":"ESA20240001","esimList":[{"iccid":"8985240000000000001","ac":"@LPA","qrCodeUrl":"https://x/qr.png"}]}}"""
                .Replace("@LPA", Lpa), "application/json");
        }));
        using var services = Services(new Uri(upstream.BaseAddress, "api/v1"));

        var order = await services.GetRequiredService<CloudeSimClient>().OrderAsync("ESIM_1GB_7D_US", 1, null, None);

        var request = Assert.Single(seen);
        Assert.Equal(("/api/v1/esim/order", "Bearer wire-token"), (request.Path, request.Auth));
        Assert.StartsWith("application/json", request.Type);
        Assert.Equal("""{"packageCode":"ESIM_1GB_7D_US","quantity":1}""", request.Body);
        Assert.Equal(("ESA20240001", Lpa), (order.OrderNo, order.EsimList![0].Ac));
    }

    [Fact]
    public async Task A_success_flag_sent_as_a_string_is_understood()
    {
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapGet("/account/balance", () =>
            Results.Text("""{"success":"true","errorCode":null,"data":{"username":"agadev","balance":24.50,"currency":"USD"}}""", "application/json")));
        using var services = Services(upstream.BaseAddress);

        var balance = await services.GetRequiredService<CloudeSimClient>().GetBalanceAsync(None);

        Assert.Equal(("agadev", 24.50m), (balance.Username, balance.Balance));
    }

    [Fact]
    public async Task A_system_busy_read_answered_with_200_is_retried()
    {
        var calls = 0;
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/packages", () =>
            Interlocked.Increment(ref calls) == 1
                ? Results.Text("""{"success":false,"errorMsg":"System busy, please try again"}""", "application/json")
                : Results.Text("""{"success":true,"obj":{"packageList":[]}}""", "application/json")));
        using var services = Services(upstream.BaseAddress);

        var packages = await services.GetRequiredService<CloudeSimClient>().ListPackagesAsync(new CloudeSimPackageFilter(), None);

        Assert.Empty(packages);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_read_answered_429_is_retried_after_the_retry_after_wait()
    {
        var calls = 0;
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapGet("/account/balance", (HttpResponse response) =>
        {
            if (Interlocked.Increment(ref calls) > 1) return Results.Json(new { success = true, data = new { balance = 7.5 } });
            response.Headers.RetryAfter = "1";
            return Results.Json(new { success = false, errorMsg = "Too many requests" }, statusCode: 429);
        }));
        using var services = Services(upstream.BaseAddress, maxRetryDelay: "00:00:02");
        var clock = Stopwatch.StartNew();

        var balance = await services.GetRequiredService<CloudeSimClient>().GetBalanceAsync(None);

        Assert.Equal((7.5m, 2), (balance.Balance, calls));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task An_order_answered_with_an_html_bad_gateway_is_not_retried_and_its_outcome_is_unknown()
    {
        var calls = 0;
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/esim/order", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.Content("<html>502 Bad Gateway</html>", "text/html", statusCode: 502);
        }));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() =>
            services.GetRequiredService<CloudeSimClient>().OrderAsync("ESIM_1GB_7D_US", 1, null, None));

        Assert.Equal(1, calls);
        Assert.Equal((CloudeSimErrorCodes.ServerError, 502, false, true), (error.Code, error.HttpStatus, error.Retryable, error.OutcomeUnknown));
    }

    [Fact]
    public async Task A_top_up_answered_200_without_a_success_flag_is_outcome_unknown()
    {
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/esim/topup", () =>
            Results.Text("""{"orderNo":"ESA20240002"}""", "application/json")));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() =>
            services.GetRequiredService<CloudeSimClient>().TopUpAsync("8985240000000000001", "TOPUP_1GB_7D_US", 1, None));

        Assert.Equal((CloudeSimErrorCodes.InvalidResponse, true), (error.Code, error.OutcomeUnknown));
    }

    [Fact]
    public async Task A_query_with_a_bare_expiry_date_and_an_unknown_status_is_read_without_failing()
    {
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/esim/query", () =>
            Results.Text("""{"success":true,"obj":{"esimList":[{"iccid":"8985240000000000001","status":"ONBOARD","remainingVolume":512,"expireTime":"2024-12-31"}]}}""",
                "application/json")));
        using var services = Services(upstream.BaseAddress);

        var reading = await services.GetRequiredService<IEsimProvider>().ReadEsimAsync("8985240000000000001", None);

        Assert.Equal((EsimState.Unknown, 512L), (reading.State, reading.DataRemainingMb));
        Assert.Null(reading.DataTotalMb);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), reading.ExpiresAt);
    }

    [Fact]
    public async Task An_order_without_its_esims_yet_is_polled_by_order_number_through_allocation_errors()
    {
        var queries = new ConcurrentQueue<string>();
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app =>
        {
            app.MapPost("/esim/order", () => Results.Text("""{"success":true,"obj":{"orderNo":"ESA20240009","esimList":[{"iccid":"8985240000000000009"}]}}""", "application/json"));
            app.MapPost("/esim/query", async (HttpRequest request) =>
            {
                queries.Enqueue(await new StreamReader(request.Body).ReadToEndAsync());
                return queries.Count < 3
                    ? Results.Text("""{"success":false,"errorCode":"200010","errorMsg":"Profile is being downloaded for the order"}""", "application/json")
                    : Results.Text("""{"success":true,"obj":{"esimList":[{"iccid":"8985240000000000009","status":"NEW","ac":"@LPA"}]}}""".Replace("@LPA", Lpa),
                        "application/json");
            });
        });
        using var services = Services(upstream.BaseAddress);

        var esim = await services.GetRequiredService<IEsimProvider>().CreateEsimAsync(new ProvisionRequest("ORD-1", "x", "ESIM_1GB_7D_US"), None);

        Assert.Equal(("8985240000000000009", Lpa, "ESA20240009"), (esim.Iccid, esim.ActivationCode, esim.UpstreamOrderReference));
        Assert.Equal(3, queries.Count);
        Assert.All(queries, q => Assert.Equal("""{"orderNo":"ESA20240009"}""", q));
    }

    [Theory]
    [InlineData("LPA:1$rsp.example.com$ABCD1234", null, "LPA:1$rsp.example.com$ABCD1234")]
    [InlineData("lpa:1$rsp.example.com$ABCD1234", null, "LPA:1$rsp.example.com$ABCD1234")]
    [InlineData("1$rsp.example.com$ABCD1234", null, "LPA:1$rsp.example.com$ABCD1234")]
    [InlineData("rsp.example.com$ABCD1234", null, "LPA:1$rsp.example.com$ABCD1234")]
    [InlineData(" ABCD1234 ", "rsp.example.com", "LPA:1$rsp.example.com$ABCD1234")]
    [InlineData("ABCD1234", null, null)]
    [InlineData("", "rsp.example.com", null)]
    public void Activation_codes_in_every_form_become_full_lpa_strings(string ac, string? smdp, string? expected)
    {
        var lpa = CloudeSimActivationCode.Normalise(ac, smdp);

        Assert.Equal(expected, lpa);
        if (lpa is not null) Assert.Equal(("rsp.example.com", "ABCD1234"), (InstallDetails.Parse(lpa).SmdpAddress, InstallDetails.Parse(lpa).MatchingId));
    }

    [Theory]
    [InlineData("Insufficient balance. Required: $1.25, available: $0.00", "1.25", "0.00")]
    [InlineData("Insufficient balance. Required: $1,250.00, available: $12.5", "1250.00", "12.5")]
    [InlineData("insufficient balance. required: 3.5, available: 0", "3.5", "0")]
    public void Insufficient_balance_texts_give_the_required_and_available_amounts(string message, string required, string available)
    {
        Assert.Equal(CloudeSimErrorCodes.InsufficientBalance, CloudeSimClient.Classify(message, 200));
        Assert.Equal((decimal.Parse(required), decimal.Parse(available)), CloudeSimClient.ParseBalanceAmounts(message));
    }

    [Fact]
    public async Task Provider_in_the_same_app_reaches_the_simulator_through_the_sandbox_redirect()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CloudeSim:BaseUrl"] = Storefront.Sandbox.SandboxRedirect.BaseUrl("cloudesim"),
            ["CloudeSim:ApiToken"] = CloudeSimSimulatorOptions.DefaultApiToken,
        }).Build();
        await using var app = await LoopbackHost.StartAsync(
            services => services.AddCloudeSimSimulator()
                .AddCloudeSimProvider(configuration)
                .AddTransient<Storefront.Sandbox.SandboxRedirect>()
                .ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<Storefront.Sandbox.SandboxRedirect>()),
            web => web.MapCloudeSimSimulator("/sandbox/cloudesim"));

        var catalog = await app.Services.GetRequiredService<IEsimProvider>().FetchCatalogAsync(None);

        Assert.Contains(catalog.Packages, p => p.Id == "ESIM_1GB_7D_US");
    }

    private static ServiceProvider Services(Uri baseAddress, string maxRetryDelay = "00:00:00.2")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CloudeSim:ApiToken"] = "wire-token",
            ["CloudeSim:BaseUrl"] = baseAddress.ToString(),
            ["CloudeSim:MaxRetryDelay"] = maxRetryDelay,
            ["CloudeSim:AllocationPollInterval"] = "00:00:00.05",
        }).Build();
        return new ServiceCollection().AddLogging().AddCloudeSimProvider(configuration).BuildServiceProvider();
    }
}
