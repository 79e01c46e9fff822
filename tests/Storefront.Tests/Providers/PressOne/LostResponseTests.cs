using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.PressOne;

namespace Storefront.Tests.Providers.PressOne;

/// <summary>Orders and top-ups are chargeable and have no idempotency key: after a lost answer, look up, never repeat.</summary>
public class LostResponseTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ProvisionRequest Order = new("ORD-7", "Ken - Japan", PressOneSandbox.JapanPackage, null);

    [Fact]
    public async Task Order_after_lost_response_is_outcome_unknown_and_found_by_its_reference_without_a_second_order()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        await sandbox.FaultAsync("customer/v2/orders", "lost_response");

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Provider.CreateEsimAsync(Order, None));
        var found = await sandbox.Provider.FindEsimAsync(Order, None);

        Assert.Equal(PressOneErrorCodes.ResponseLost, error.Code);
        Assert.True(error.OutcomeUnknown);
        Assert.NotNull(found);
        Assert.StartsWith("LPA:1$", found.ActivationCode);
        Assert.Equal(1, await sandbox.OrderCountAsync());
        Assert.Equal(500m - 8m, await sandbox.Provider.GetResellerBalanceAsync(None));
    }

    [Fact]
    public async Task Order_that_hangs_times_out_as_outcome_unknown_and_a_lookup_shows_nothing_was_bought()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var impatient = sandbox.ProviderWith(o => o.Timeout = TimeSpan.FromSeconds(1));
        await sandbox.FaultAsync("customer/v2/orders", "hang");

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => impatient.CreateEsimAsync(Order, None));

        Assert.Equal(PressOneErrorCodes.Timeout, error.Code);
        Assert.True(error.OutcomeUnknown);
        Assert.True(error.Retryable);
        Assert.Null(await sandbox.Provider.FindEsimAsync(Order, None));
    }

    [Fact]
    public async Task Order_answered_503_is_not_retried_and_its_outcome_is_unknown()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        await sandbox.FaultAsync("customer/v2/orders", "error", status: 503);

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Provider.CreateEsimAsync(Order, None));

        Assert.Equal(("HTTP_503", 503, true, true), (error.Code, error.HttpStatus, error.Retryable, error.OutcomeUnknown));
        Assert.Equal(0, await sandbox.OrderCountAsync());
        Assert.Null(await sandbox.Provider.FindEsimAsync(Order, None));
        Assert.NotNull(await sandbox.Provider.CreateEsimAsync(Order, None));
    }

    [Fact]
    public async Task Top_up_after_lost_response_is_found_by_its_reference_and_charged_once()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyActiveAsync();
        var request = new TopUpRequest("TOP-3", PressOneSandbox.JapanTopUp, null);
        await sandbox.FaultAsync("customer/v2/orders/topups", "lost_response");

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Provider.TopUpAsync(esim.Iccid, request, None));
        var found = await sandbox.Provider.FindTopUpAsync(esim.Iccid, request, None);

        Assert.True(error.OutcomeUnknown);
        Assert.NotNull(found);
        Assert.Equal(esim.Iccid, found.Iccid);
        Assert.Equal(500m - 8m - 3.6m, await sandbox.Provider.GetResellerBalanceAsync(None));
        Assert.Equal(1024L + 3072L, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).DataTotalMb);
    }

    [Fact]
    public async Task Top_up_that_never_happened_is_not_found()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyActiveAsync();
        await sandbox.FaultAsync("customer/v2/orders/topups", "error", status: 502);

        var error = await Assert.ThrowsAsync<PressOneApiException>(() =>
            sandbox.Provider.TopUpAsync(esim.Iccid, new TopUpRequest("TOP-4", PressOneSandbox.JapanTopUp, null), None));

        Assert.True(error.OutcomeUnknown);
        Assert.Null(await sandbox.Provider.FindTopUpAsync(esim.Iccid, new TopUpRequest("TOP-4", PressOneSandbox.JapanTopUp, null), None));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Reads_answered_with_a_server_error_are_retried(int status)
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var esim = await sandbox.BuyAsync();
        await sandbox.FaultAsync("customer/v2/sims/*/usage", "error", count: 2, status: status);

        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(EsimState.NotInstalled, reading.State);
    }

    [Fact]
    public async Task Read_that_keeps_failing_gives_up_after_the_configured_retries()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        await sandbox.FaultAsync("customer/v2/balance", "error", count: 3, status: 503);

        var error = await Assert.ThrowsAsync<PressOneApiException>(() => sandbox.Provider.GetResellerBalanceAsync(None));

        Assert.Equal(("HTTP_503", false), (error.Code, error.OutcomeUnknown));
        Assert.Equal(500m, await sandbox.Provider.GetResellerBalanceAsync(None));
    }

    [Fact]
    public async Task Read_that_times_out_once_is_retried()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        var impatient = sandbox.ProviderWith(o => o.Timeout = TimeSpan.FromSeconds(1));
        await sandbox.FaultAsync("customer/v2/balance", "hang");

        Assert.Equal(500m, await impatient.GetResellerBalanceAsync(None));
    }

    [Fact]
    public async Task Catalog_read_with_a_lost_response_is_retried()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        await sandbox.FaultAsync("customer/v2/packages", "lost_response");

        var catalog = await sandbox.Provider.FetchCatalogAsync(None);

        Assert.NotEmpty(catalog.Packages);
    }

    [Fact]
    public async Task Token_request_answered_502_is_retried()
    {
        await using var sandbox = await PressOneSandbox.StartAsync();
        await sandbox.FaultAsync("customer/v2/token", "error", status: 502);

        Assert.Equal(500m, await sandbox.Provider.GetResellerBalanceAsync(None));
    }

    [Fact]
    public async Task Unreachable_pressone_is_a_retryable_connection_failure_with_a_known_outcome()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PressOne:BaseUrl"] = $"http://127.0.0.1:{closedPort}/",
            ["PressOne:ClientId"] = "id",
            ["PressOne:ClientSecret"] = "secret",
            ["PressOne:ReadRetries"] = "0",
        }).Build();
        await using var services = new ServiceCollection().AddLogging()
            .AddPressOneProvider(configuration)
            .BuildServiceProvider();

        var error = await Assert.ThrowsAsync<PressOneApiException>(() =>
            services.GetRequiredService<IEsimProvider>().CreateEsimAsync(Order, None));

        Assert.Equal(PressOneErrorCodes.ConnectionFailed, error.Code);
        Assert.True(error.Retryable);
        Assert.False(error.OutcomeUnknown);
    }
}
