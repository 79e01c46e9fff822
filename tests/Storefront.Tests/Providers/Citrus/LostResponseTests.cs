using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Providers;
using Storefront.Providers.Citrus;

namespace Storefront.Tests.Providers.Citrus;

/// <summary>Provision and fund are chargeable and have no idempotency key: after a lost answer, look up, never repeat.</summary>
public class LostResponseTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ProvisionRequest Order = new("ORD-7", "Ken - Japan", null);

    [Fact]
    public async Task Provision_after_lost_response_throws_outcome_unknown_and_is_found_by_its_order_reference()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        await sandbox.FaultAsync("esim/provision", "lost_response");

        var error = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Provider.CreateEsimAsync(Order, None));
        var found = await sandbox.Provider.FindEsimAsync(Order, None);

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(CitrusErrorCodes.ResponseLost, error.Code);
        Assert.NotNull(found);
        Assert.StartsWith("LPA:1$", found.ActivationCode);
        Assert.Equal(1, (await sandbox.Client.ListEsimsAsync(null, null, null, None)).Total);
        Assert.Equal(500m - 1.75m, (await sandbox.Client.GetWalletBalanceAsync(None)).BalanceUsd);
    }

    [Fact]
    public async Task Fund_after_lost_response_is_found_by_reading_the_wallet()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var esim = await sandbox.Provider.CreateEsimAsync(Order, None);
        await sandbox.FaultAsync("esim/*/fund", "lost_response");

        var error = await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Provider.FundAsync(esim.Iccid, 20m, None));

        Assert.True(error.OutcomeUnknown);
        Assert.True(await sandbox.Provider.IsFundedAsync(esim.Iccid, 20m, None));
        Assert.Equal(500m - 1.75m - 20m, (await sandbox.Client.GetWalletBalanceAsync(None)).BalanceUsd);
    }

    [Fact]
    public async Task Fund_lost_without_the_pause_of_realtime_reports_is_still_seen_at_once()
    {
        await using var sandbox = await CitrusSandbox.StartAsync(o => o.Realtime = false);
        var esim = await sandbox.Provider.CreateEsimAsync(Order, None);
        await sandbox.FaultAsync("esim/*/fund", "lost_response");

        await Assert.ThrowsAsync<CitrusApiException>(() => sandbox.Provider.FundAsync(esim.Iccid, 20m, None));

        Assert.True(await sandbox.Provider.IsFundedAsync(esim.Iccid, 20m, None));
    }

    [Fact]
    public async Task Provision_that_times_out_is_outcome_unknown_and_a_lookup_shows_nothing_was_made()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var impatient = sandbox.ProviderWith(o => o.Timeout = TimeSpan.FromSeconds(1));
        await sandbox.FaultAsync("esim/provision", "hang");

        var error = await Assert.ThrowsAsync<CitrusApiException>(() => impatient.CreateEsimAsync(Order, None));

        Assert.Equal(CitrusErrorCodes.Timeout, error.Code);
        Assert.True(error.OutcomeUnknown);
        Assert.True(error.Retryable);
        Assert.Null(await sandbox.Provider.FindEsimAsync(Order, None));
    }

    [Fact]
    public async Task A_read_that_times_out_once_is_retried()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var impatient = sandbox.ProviderWith(o => o.Timeout = TimeSpan.FromSeconds(1));
        var esim = await sandbox.ProvisionFundedAsync(9m);
        await sandbox.FaultAsync("esim/{iccid}", "hang");

        var reading = await impatient.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(9m, reading.WalletBalanceUsd);
    }

    [Fact]
    public async Task Unreachable_citrus_is_a_retryable_connection_failure_with_a_known_outcome()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Citrus:BaseUrl"] = $"http://127.0.0.1:{closedPort}/api/v2/reseller/", ["Citrus:ApiKey"] = "rsk_test" }).Build();
        await using var services = new ServiceCollection().AddLogging()
            .AddCitrusProvider(configuration)
            .BuildServiceProvider();

        var error = await Assert.ThrowsAsync<CitrusApiException>(() =>
            services.GetRequiredService<IEsimProvider>().CreateEsimAsync(Order, None));

        Assert.Equal(CitrusErrorCodes.ConnectionFailed, error.Code);
        Assert.True(error.Retryable);
        Assert.False(error.OutcomeUnknown);
    }
}
