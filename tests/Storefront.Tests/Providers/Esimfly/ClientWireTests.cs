using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Providers;
using Storefront.Providers.Esimfly;
using Storefront.Sandbox.Esimfly;
using Storefront.Tests.Support;

namespace Storefront.Tests.Providers.Esimfly;

/// <summary>The client's wire behaviour against a scripted upstream, for shapes the simulator does not produce.</summary>
public class ClientWireTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string AccessCode = "esf_wire_test";
    private const string SecretKey = "sk_wire_test";

    private sealed record Seen(string? AccessCode, string? RequestId, string? Timestamp, string? Signature, string? ContentType, byte[] Body);

    [Fact]
    public async Task Order_body_is_sent_as_compact_json_and_signed_over_the_exact_bytes()
    {
        var seen = new ConcurrentQueue<Seen>();
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/esims/order", async (HttpRequest request) =>
        {
            seen.Enqueue(await RecordAsync(request));
            return Results.Json(new { success = true, orderReference = "order_1_abcde", status = "completed" });
        }));
        using var services = Services(upstream.BaseAddress);

        var result = await services.GetRequiredService<EsimflyClient>().OrderAsync("PHAJHEAYP", 1, None);

        var request = Assert.Single(seen);
        Assert.Equal("""{"packageCode":"PHAJHEAYP","quantity":1}""", Encoding.UTF8.GetString(request.Body));
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal(AccessCode, request.AccessCode);
        Assert.Matches("^[0-9]{13}$", request.Timestamp);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", request.RequestId);
        Assert.Equal(EsimflySignature.Compute(SecretKey, request.Timestamp!, request.RequestId!, AccessCode, request.Body), request.Signature);
        Assert.Matches("^[0-9A-F]{64}$", request.Signature);
        Assert.Equal("order_1_abcde", result.OrderReference);
    }

    [Fact]
    public async Task A_retried_read_is_a_new_request_with_a_new_request_id()
    {
        var seen = new ConcurrentQueue<Seen>();
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapGet("/balance", async (HttpRequest request) =>
        {
            seen.Enqueue(await RecordAsync(request));
            return seen.Count < 3
                ? Results.Json(new { success = false, error = "Failed to fetch balance" }, statusCode: 500)
                : Results.Json(new { success = true, data = new { balance = 12.5, currency = "USD" } });
        }));
        using var services = Services(upstream.BaseAddress);

        var balance = await services.GetRequiredService<EsimflyClient>().GetBalanceAsync(None);

        Assert.Equal(12.5m, balance.Balance);
        Assert.Equal(3, seen.Count);
        Assert.Equal(3, seen.Select(s => s.RequestId).Distinct().Count());
        Assert.All(seen, s => Assert.Equal(EsimflySignature.Compute(SecretKey, s.Timestamp!, s.RequestId!, AccessCode, []), s.Signature));
    }

    [Fact]
    public async Task Order_errors_with_message_instead_of_error_are_understood()
    {
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/esims/order", () => Results.Json(new
        {
            success = false, message = "Insufficient balance", code = "INSUFFICIENT_BALANCE", currentBalance = 25.50, requiredBalance = 27.20, needToLoad = 1.70,
        }, statusCode: 400)));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => services.GetRequiredService<EsimflyClient>().OrderAsync("X", 1, None));

        Assert.Equal((400, EsimflyErrorCodes.InsufficientBalance, 1.70m), (error.HttpStatus, error.Code, error.NeedToLoad));
        Assert.Contains("Insufficient balance", error.Message);
        Assert.False(error.OutcomeUnknown);
        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task Success_false_with_status_200_is_an_error()
    {
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapGet("/balance", () =>
            Results.Json(new { success = false, error = "Invalid user or not a business account", code = "INVALID_USER" })));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => services.GetRequiredService<EsimflyClient>().GetBalanceAsync(None));

        Assert.Equal((200, EsimflyErrorCodes.InvalidUser), (error.HttpStatus, error.Code));
    }

    [Fact]
    public async Task Usage_error_without_success_or_code_is_esim_not_found()
    {
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapGet("/esims/usage/query", () =>
            Results.Json(new { error = "Not Found", message = "eSIM not found or you do not have access to it" }, statusCode: 404)));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => services.GetRequiredService<EsimflyProvider>().ReadEsimAsync("8943108170000000001", None));

        Assert.Equal((404, EsimflyErrorCodes.EsimNotFound), (error.HttpStatus, error.Code));
        Assert.Contains("do not have access", error.Message);
    }

    [Fact]
    public async Task An_order_answered_with_an_html_bad_gateway_is_not_retried_and_its_outcome_is_unknown()
    {
        var calls = 0;
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/esims/order", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.Content("<html>502 Bad Gateway</html>", "text/html", statusCode: 502);
        }));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => services.GetRequiredService<EsimflyClient>().OrderAsync("X", 1, None));

        Assert.Equal(1, calls);
        Assert.Equal(("HTTP_502", 502, true, true), (error.Code, error.HttpStatus, error.Retryable, error.OutcomeUnknown));
    }

    [Fact]
    public async Task A_duplicate_request_answer_to_an_order_means_its_outcome_is_unknown()
    {
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/esims/order", () =>
            Results.Json(new { success = false, error = "Request ID has already been used", code = "DUPLICATE_REQUEST" }, statusCode: 400)));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => services.GetRequiredService<EsimflyClient>().OrderAsync("X", 1, None));

        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task An_order_answer_without_lpa_string_takes_the_lpa_from_the_apple_install_link()
    {
        const string lpa = "LPA:1$rsp-3104.idemia.io$DOAZJ-HYDO5-HGMLN-S9B8S";
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app =>
        {
            app.MapGet("/orders", () => Results.Json(new { success = true, data = new { orders = Array.Empty<object>() } }));
            app.MapPost("/esims/order", () => Results.Json(new
            {
                success = true, orderReference = "order_1692123456_ab7cd", esimId = 2503, status = "completed",
                qrCodeUrl = "https://storage.esimfly.net/qr/2503.png",
                esims = new[] { new { iccid = "8932042000010078801", directAppleInstallUrl = "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=" + lpa, isPending = false } },
            }));
        });
        using var services = Services(upstream.BaseAddress);

        var esim = await services.GetRequiredService<EsimflyProvider>().CreateEsimAsync(new ProvisionRequest("ORD-9", "Ken - Turkey", "merhaba-7days-1gb"), None);

        Assert.Equal(("8932042000010078801", lpa, "2503", "order_1692123456_ab7cd"), (esim.Iccid, esim.ActivationCode, esim.UpstreamId, esim.UpstreamOrderReference));
        Assert.Null(esim.QrCodePngDataUrl);
    }

    [Fact]
    public async Task An_account_in_iraqi_dinar_is_refused_rather_than_read_as_dollars()
    {
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapGet("/balance", () =>
            Results.Json(new { success = true, data = new { balance = 1500000, currency = "IQD" } })));
        using var services = Services(upstream.BaseAddress);

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => services.GetRequiredService<EsimflyProvider>().GetResellerBalanceAsync(None));

        Assert.Equal(EsimflyErrorCodes.UnsupportedCurrency, error.Code);
    }

    [Fact]
    public async Task Pagination_is_read_under_either_spelling()
    {
        var page = 0;
        await using var upstream = await LoopbackHost.StartAsync(_ => { }, app => app.MapGet("/orders", () =>
        {
            var current = Interlocked.Increment(ref page);
            return Results.Json(new
            {
                success = true,
                data = new
                {
                    orders = new[] { new { order_reference = $"order_{current}_aaaaa", package_code = "X", status = "completed" } },
                    pagination = new { page = current, limit = 100, total = 2, total_pages = 2 },
                },
            });
        }));
        using var services = Services(upstream.BaseAddress);

        var orders = await services.GetRequiredService<EsimflyClient>().ListAllOrdersAsync(new EsimflyOrderQuery(), None).ToListAsync();

        Assert.Equal(["order_1_aaaaa", "order_2_aaaaa"], orders.Select(o => o.OrderReference));
    }

    [Fact]
    public async Task Provider_in_the_same_app_reaches_the_simulator_through_the_sandbox_redirect()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Esimfly:BaseUrl"] = Storefront.Sandbox.SandboxRedirect.BaseUrl("esimfly"),
            ["Esimfly:AccessCode"] = EsimflySimulatorOptions.DefaultAccessCode,
            ["Esimfly:SecretKey"] = EsimflySimulatorOptions.DefaultSecretKey,
        }).Build();
        await using var app = await LoopbackHost.StartAsync(
            services => services.AddLogging().AddEsimflySimulator()
                .AddEsimflyProvider(configuration)
                .AddTransient<Storefront.Sandbox.SandboxRedirect>()
                .ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<Storefront.Sandbox.SandboxRedirect>()),
            web => web.MapEsimflySimulator("/sandbox/esimfly"));

        var provider = app.Services.GetRequiredService<IEsimProvider>();

        Assert.Equal("esimfly", provider.Name);
        Assert.Contains((await provider.FetchCatalogAsync(None)).Countries, c => c.Iso2 == "JP");
    }

    private static async Task<Seen> RecordAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        string? H(string name) => request.Headers[name].FirstOrDefault();
        return new Seen(H(EsimflySignature.AccessCodeHeader), H(EsimflySignature.RequestIdHeader), H(EsimflySignature.TimestampHeader),
            H(EsimflySignature.SignatureHeader), request.ContentType, buffer.ToArray());
    }

    private static ServiceProvider Services(Uri baseAddress)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Esimfly:AccessCode"] = AccessCode,
            ["Esimfly:SecretKey"] = SecretKey,
            ["Esimfly:BaseUrl"] = baseAddress.ToString(),
            ["Esimfly:MaxRetryDelay"] = "00:00:00.1",
        }).Build();
        return new ServiceCollection().AddLogging().AddEsimflyProvider(configuration).BuildServiceProvider();
    }
}
