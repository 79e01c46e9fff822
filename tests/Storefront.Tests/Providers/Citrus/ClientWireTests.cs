using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Providers;
using Storefront.Providers.Citrus;
using Storefront.Sandbox.Citrus;
using Storefront.Tests.Support;

namespace Storefront.Tests.Providers.Citrus;

/// <summary>The client's wire behaviour against a scripted upstream, for cases the simulator does not produce.</summary>
public class ClientWireTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string EsimJson = """{"id":"esim_1","iccid":"8910300000058398140","status":"pending","wallet_balance_usd":29.99,"funded_usd":30}""";

    [Fact]
    public async Task Fund_sends_the_amount_as_a_json_number_with_two_decimals_and_the_bearer_key()
    {
        var seen = new ConcurrentQueue<(string? Auth, string Body)>();
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/esim/{iccid}/fund", async (HttpRequest request) =>
        {
            seen.Enqueue((request.Headers.Authorization, await new StreamReader(request.Body).ReadToEndAsync()));
            return Results.Text(EsimJson, "application/json");
        }));
        using var services = Services(upstream.BaseAddress);

        var funded = await services.GetRequiredService<CitrusClient>().FundAsync("8910300000058398140", 30m, None);

        Assert.Equal(("Bearer rsk_wire_test", """{"amount":30.00}"""), Assert.Single(seen));
        Assert.Equal(30m, funded.FundedUsd);
        Assert.Equal(29.99m, funded.WalletBalanceUsd);
    }

    [Fact]
    public async Task Error_bodies_with_code_and_detail_are_understood()
    {
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapGet("/esim/{iccid}", () =>
            Results.Json(new { code = "ESIM_NOT_FOUND", detail = "no such eSIM" }, statusCode: 404)));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<CitrusApiException>(() =>
            services.GetRequiredService<CitrusClient>().GetEsimAsync("8910300000058398140", None));

        Assert.Equal(CitrusErrorCodes.EsimNotFound, error.Code);
        Assert.Contains("no such eSIM", error.Message);
    }

    [Fact]
    public async Task A_read_answered_429_is_retried_after_the_retry_after_wait()
    {
        var calls = 0;
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapGet("/wallet/balance", (HttpResponse response) =>
        {
            if (Interlocked.Increment(ref calls) > 1) return Results.Json(new { balance_usd = 27.5, currency = "USD" });
            response.Headers.RetryAfter = "1";
            return Results.Json(new { error = "RATE_LIMITED", message = "slow down" }, statusCode: 429);
        }));
        using var services = Services(upstream.BaseAddress, maxRetryDelay: "00:00:02");
        var clock = Stopwatch.StartNew();

        var balance = await services.GetRequiredService<CitrusClient>().GetWalletBalanceAsync(None);

        Assert.Equal(27.5m, balance.BalanceUsd);
        Assert.Equal(2, calls);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_provision_answered_with_an_html_bad_gateway_is_not_retried_and_its_outcome_is_unknown()
    {
        var calls = 0;
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/esim/provision", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.Content("<html>502 Bad Gateway</html>", "text/html", statusCode: 502);
        }));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<CitrusApiException>(() =>
            services.GetRequiredService<CitrusClient>().ProvisionAsync("ORD-1", null, None));

        Assert.Equal(1, calls);
        Assert.Equal(("HTTP_502", 502, true, true), (error.Code, error.HttpStatus, error.Retryable, error.OutcomeUnknown));
    }

    [Fact]
    public async Task Provider_in_the_same_app_reaches_the_simulator_through_the_sandbox_redirect()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Citrus:BaseUrl"] = Storefront.Sandbox.SandboxRedirect.BaseUrl("citrus"),
            ["Citrus:ApiKey"] = CitrusSimulatorOptions.DefaultApiKey,
        }).Build();
        await using var app = await LoopbackHost.StartAsync(
            services => services.AddCitrusSimulator()
                .AddCitrusProvider(configuration)
                .AddTransient<Storefront.Sandbox.SandboxRedirect>()
                .ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<Storefront.Sandbox.SandboxRedirect>()),
            web => web.MapCitrusSimulator("/sandbox/citrus"));

        var catalog = await app.Services.GetRequiredService<IEsimProvider>().FetchCatalogAsync(None);

        Assert.Contains(catalog.Countries, c => c.Iso2 == "JP");
    }

    private static ServiceProvider Services(Uri baseAddress, string maxRetryDelay = "00:00:00.2")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Citrus:ApiKey"] = "rsk_wire_test",
            ["Citrus:BaseUrl"] = baseAddress.ToString(),
            ["Citrus:MaxRetryDelay"] = maxRetryDelay,
        }).Build();
        return new ServiceCollection().AddLogging().AddCitrusProvider(configuration).BuildServiceProvider();
    }
}
