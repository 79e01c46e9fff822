using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Providers;
using Storefront.Providers.Roamify;
using Storefront.Sandbox.Roamify;
using Storefront.Tests.Support;

namespace Storefront.Tests.Providers.Roamify;

/// <summary>The client's wire behaviour against a scripted upstream, for cases the simulator does not produce.</summary>
public class ClientWireTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string OrderJson = """{"status":"success","data":{"id":"67bbabb7-e893-410a-b0a8-4fa62d347b6c","referenceId":"ORD-1","orderType":"api","status":"COMPLETED","total":5,"currency":"USD","createdAt":1731837535,"updatedAt":1731837539,"items":[{"esimId":"b06036c5-eadc-4f88-aa31-8c207fec91ec","packageId":"esim-cambodia-7days-1gb-all","package":"1 GB - 7 Days","type":"esim","price":5,"currency":"USD","createdAt":1731837535,"updatedAt":1731837539}]}}""";
    private const string EsimJson = """{"status":"success","data":{"id":"b06036c5-eadc-4f88-aa31-8c207fec91ec","iccid":"894000000000029365","status":"READY","esim":{"lpaCode":"LPA:1$lpa.roamify.com$TEST","smdpAddress":"lpa.roamify.com","activationCode":"TEST"},"createdAt":1731837539,"updatedAt":1731837987,"expiredAt":1763373985}}""";

    [Fact]
    public async Task Order_sends_items_and_reference_as_json_with_the_bearer_token()
    {
        var seen = new ConcurrentQueue<(string? Auth, string? ContentType, string Body)>();
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/api/esim/order", async (HttpRequest request) =>
        {
            seen.Enqueue((request.Headers.Authorization, request.ContentType, await new StreamReader(request.Body).ReadToEndAsync()));
            return Results.Text(OrderJson, "application/json");
        }));
        using var services = Services(upstream.BaseAddress);

        var order = await services.GetRequiredService<RoamifyClient>()
            .CreateOrderAsync([new RoamifyOrderItemRequest("esim-cambodia-7days-1gb-all", 1)], "ORD-1", None);

        var (auth, contentType, body) = Assert.Single(seen);
        Assert.Equal("Bearer roamify_wire_test", auth);
        Assert.Equal("application/json; charset=utf-8", contentType);
        Assert.Equal("""{"items":[{"packageId":"esim-cambodia-7days-1gb-all","quantity":1}],"referenceId":"ORD-1"}""", body);
        Assert.Equal("b06036c5-eadc-4f88-aa31-8c207fec91ec", order.Items![0].EsimId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1731837535), RoamifyJson.FromUnix(order.CreatedAt));
    }

    [Fact]
    public async Task Apply_sends_the_start_date_as_an_iso_date_and_leaves_it_out_when_there_is_none()
    {
        var bodies = new ConcurrentQueue<string>();
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/api/esim/apply", async (HttpRequest request) =>
        {
            bodies.Enqueue(await new StreamReader(request.Body).ReadToEndAsync());
            return Results.Text(EsimJson, "application/json");
        }));
        using var services = Services(upstream.BaseAddress);
        var client = services.GetRequiredService<RoamifyClient>();

        var applied = await client.ApplyAsync("b06036c5", new DateOnly(2026, 7, 1), None);
        await client.ApplyAsync("b06036c5", null, None);

        Assert.Equal(["""{"esimId":"b06036c5","startDate":"2026-07-01"}""", """{"esimId":"b06036c5"}"""], bodies);
        Assert.Equal(("894000000000029365", "LPA:1$lpa.roamify.com$TEST"), (applied.Iccid, applied.Esim!.LpaCode));
    }

    [Fact]
    public async Task Packages_are_asked_for_with_page_page_size_and_filters_in_the_query()
    {
        var queries = new ConcurrentQueue<string>();
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapGet("/api/esim/packages", (HttpRequest request) =>
        {
            queries.Enqueue(request.QueryString.Value!);
            return Results.Text("""{"status":"success","data":{"packages":[]}}""", "application/json");
        }));
        using var services = Services(upstream.BaseAddress);

        await services.GetRequiredService<RoamifyClient>().GetPackagesPageAsync(
            new RoamifyPackageFilter { Country = "United States", CountryCode = "US", IsUnlimited = false, Days = 7 }, 2, 25, None);

        Assert.Equal("?country=United%20States&countryCode=US&days=7&isUnlimited=false&page=2&pageSize=25", Assert.Single(queries));
    }

    [Fact]
    public async Task An_lpa_is_built_from_the_smdp_address_and_activation_code_when_lpa_code_is_missing()
    {
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapGet("/api/esim", () => Results.Text(
            """{"status":"success","data":{"id":"e1","iccid":"894000000000029365","status":"READY","esim":{"smdpAddress":"lpa.roamify.com","activationCode":"K9"}}}""",
            "application/json")));
        using var services = Services(upstream.BaseAddress);

        var esim = await services.GetRequiredService<RoamifyClient>().GetEsimAsync("e1", None);

        Assert.True(esim.HasProfile);
        Assert.Equal("LPA:1$lpa.roamify.com$K9", RoamifyProfile.LpaOf(esim.Esim));
    }

    [Fact]
    public async Task A_success_status_code_with_a_failed_envelope_is_an_error()
    {
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapGet("/api/balance", () =>
            Results.Text("""{"status":"failed","message":"Partner disabled"}""", "application/json")));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => services.GetRequiredService<RoamifyClient>().GetBalanceAsync(None));

        Assert.Equal((RoamifyErrorCodes.Failed, 200, false), (error.Code, error.HttpStatus, error.Retryable));
        Assert.Contains("Partner disabled", error.Message);
    }

    [Fact]
    public async Task A_read_answered_429_is_retried_after_the_retry_after_wait()
    {
        var calls = 0;
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapGet("/api/balance", (HttpResponse response) =>
        {
            if (Interlocked.Increment(ref calls) > 1)
                return Results.Text("""{"status":"success","data":{"balance":3723.35,"currency":"USD"}}""", "application/json");
            response.Headers.RetryAfter = "1";
            return Results.Json(new { status = "failed", message = "Too many requests" }, statusCode: 429);
        }));
        using var services = Services(upstream.BaseAddress, maxRetryDelay: "00:00:02");
        var clock = Stopwatch.StartNew();

        var balance = await services.GetRequiredService<RoamifyClient>().GetBalanceAsync(None);

        Assert.Equal(new RoamifyBalance(3723.35m, "USD"), balance);
        Assert.Equal(2, calls);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task An_order_answered_with_an_html_bad_gateway_is_not_retried_and_its_outcome_is_unknown()
    {
        var calls = 0;
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/api/esim/order", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.Content("<html>502 Bad Gateway</html>", "text/html", statusCode: 502);
        }));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => services.GetRequiredService<RoamifyClient>()
            .CreateOrderAsync([new RoamifyOrderItemRequest("esim-cambodia-7days-1gb-all", 1)], "ORD-1", None));

        Assert.Equal(1, calls);
        Assert.Equal((RoamifyErrorCodes.ServerError, 502, true, true), (error.Code, error.HttpStatus, error.Retryable, error.OutcomeUnknown));
    }

    [Fact]
    public async Task An_apply_answered_with_a_bad_gateway_is_not_repeated_but_followed_by_reading_the_esim()
    {
        var applies = 0;
        var reads = 0;
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app =>
        {
            app.MapPost("/api/esim/apply", () =>
            {
                Interlocked.Increment(ref applies);
                return Results.Content("<html>502 Bad Gateway</html>", "text/html", statusCode: 502);
            });
            app.MapGet("/api/esim", () => Interlocked.Increment(ref reads) < 3
                ? Results.Text("""{"status":"success","data":{"id":"b06036c5","status":"NEW","esim":null}}""", "application/json")
                : Results.Text(EsimJson, "application/json"));
        });
        using var services = Services(upstream.BaseAddress);

        var esim = await services.GetRequiredService<RoamifyClient>().ApplyAndWaitAsync("b06036c5", null, None);

        Assert.Equal((1, 3), (applies, reads));
        Assert.Equal("894000000000029365", esim.Iccid);
    }

    [Fact]
    public async Task A_lookup_that_finds_an_order_still_without_an_esim_does_not_report_nothing_found()
    {
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapGet("/api/esim/order", () => Results.Text(
            """{"status":"success","data":{"id":"o-1","referenceId":"ORD-1","orderType":"api","status":"PENDING","total":5,"currency":"USD","items":[]}}""",
            "application/json")));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => services.GetRequiredService<RoamifyProvider>()
            .FindEsimAsync(new ProvisionRequest("ORD-1", "Ana", "esim-cambodia-7days-1gb-all"), None));

        Assert.Equal((RoamifyErrorCodes.OrderNotReady, true, true), (error.Code, error.Retryable, error.OutcomeUnknown));
    }

    [Fact]
    public async Task Provider_in_the_same_app_reaches_the_simulator_through_the_sandbox_redirect()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Roamify:BaseUrl"] = Storefront.Sandbox.SandboxRedirect.BaseUrl("roamify"),
            ["Roamify:AccessToken"] = RoamifySimulatorOptions.DefaultAccessToken,
        }).Build();
        await using var app = await LoopbackHost.StartAsync(
            services => services.AddRoamifySimulator(o => o.ApplyDelay = TimeSpan.Zero)
                .AddRoamifyProvider(configuration)
                .AddTransient<Storefront.Sandbox.SandboxRedirect>()
                .ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<Storefront.Sandbox.SandboxRedirect>()),
            web => web.MapRoamifySimulator("/sandbox/roamify"));
        var provider = app.Services.GetRequiredService<IEsimProvider>();

        var catalog = await provider.FetchCatalogAsync(None);
        var esim = await provider.CreateEsimAsync(new ProvisionRequest("ORD-1", "Ana", "esim-spain-7days-1gb-all"), None);

        Assert.Contains(catalog.Packages, p => p.Id == "esim-spain-7days-1gb-all");
        Assert.StartsWith("LPA:1$", esim.ActivationCode);
    }

    private static ServiceProvider Services(Uri baseAddress, string maxRetryDelay = "00:00:00.2")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Roamify:AccessToken"] = "roamify_wire_test",
            ["Roamify:BaseUrl"] = baseAddress.ToString(),
            ["Roamify:MaxRetryDelay"] = maxRetryDelay,
            ["Roamify:ApplyPollInterval"] = "00:00:00.05",
        }).Build();
        return new ServiceCollection().AddLogging().AddRoamifyProvider(configuration).BuildServiceProvider();
    }
}
