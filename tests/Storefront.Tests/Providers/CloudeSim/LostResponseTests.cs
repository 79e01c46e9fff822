using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.CloudeSim;

namespace Storefront.Tests.Providers.CloudeSim;

/// <summary>
/// Order and top-up are chargeable, take no client reference and have no idempotency key: after a lost answer the
/// adapter must never let the store buy twice, and must say "ask a person" when it cannot tell.
/// </summary>
public class LostResponseTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ProvisionRequest Order = new("ORD-7", "Ken - USA", "ESIM_1GB_7D_US", null);
    private static readonly TopUpRequest TopUp = new("TOP-7", "TOPUP_1GB_7D_US", null);

    [Fact]
    public async Task An_order_carried_out_upstream_whose_answer_is_lost_is_never_placed_a_second_time()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        await sandbox.FaultAsync("esim/order", "lost_response");

        var outcome = await ProvisionLikeTheStoreAsync(sandbox.Provider, Order);

        Assert.Equal("ask staff", outcome);
        Assert.Equal(1, await sandbox.OrderCountAsync());
        Assert.Equal(500m - 3.50m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task A_lost_order_answer_is_outcome_unknown_and_the_lookup_refuses_to_guess()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        await sandbox.FaultAsync("esim/order", "lost_response");

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.CreateEsimAsync(Order, None));
        var lookup = await Assert.ThrowsAsync<NotSupportedByProviderException>(() => sandbox.Provider.FindEsimAsync(Order, None));

        Assert.Equal((CloudeSimErrorCodes.ResponseLost, true, false), (error.Code, error.OutcomeUnknown, error.Retryable));
        Assert.Contains("ORD-7", lookup.Message);
        Assert.Contains("balance $500.00 before it, $496.50 now", lookup.Message);
    }

    [Fact]
    public async Task After_a_restart_the_lookup_knows_nothing_and_says_so()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        await sandbox.FaultAsync("esim/order", "lost_response");
        await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.CreateEsimAsync(Order, None));

        var restarted = sandbox.ProviderWith();
        var lookup = await Assert.ThrowsAsync<NotSupportedByProviderException>(() => restarted.FindEsimAsync(Order, None));

        Assert.Contains("no record", lookup.Message);
        Assert.Equal(1, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task An_order_that_times_out_is_outcome_unknown_even_when_nothing_was_bought()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var impatient = sandbox.ProviderWith(o => o.Timeout = TimeSpan.FromSeconds(1));
        await sandbox.FaultAsync("esim/order", "hang");

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => impatient.CreateEsimAsync(Order, None));

        Assert.Equal((CloudeSimErrorCodes.Timeout, true, false), (error.Code, error.OutcomeUnknown, error.Retryable));
        await Assert.ThrowsAsync<NotSupportedByProviderException>(() => impatient.FindEsimAsync(Order, None));
        Assert.Equal(0, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task An_order_that_never_reached_cloudesim_is_retryable_and_the_lookup_allows_ordering_again()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CloudeSim:BaseUrl"] = $"http://127.0.0.1:{closedPort}/api/v1/", ["CloudeSim:ApiToken"] = "token", ["CloudeSim:ReadRetries"] = "0" }).Build();
        await using var services = new ServiceCollection().AddLogging()
            .AddCloudeSimProvider(configuration)
            .BuildServiceProvider();
        var provider = services.GetRequiredService<IEsimProvider>();

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => provider.CreateEsimAsync(Order, None));

        Assert.Equal((CloudeSimErrorCodes.ConnectionFailed, true, false), (error.Code, error.Retryable, error.OutcomeUnknown));
        Assert.Null(await provider.FindEsimAsync(Order, None));
    }

    [Fact]
    public async Task An_order_whose_answer_arrived_is_found_again_without_buying_when_the_caller_failed_to_keep_it()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var created = await sandbox.Provider.CreateEsimAsync(Order, None);

        var found = await sandbox.Provider.FindEsimAsync(Order, None);

        Assert.Equal(created, found);
        Assert.Equal(1, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task A_top_up_carried_out_upstream_whose_answer_is_lost_is_found_by_the_data_it_added()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.Provider.CreateEsimAsync(Order, None);
        await sandbox.UseAsync(esim.Iccid, 900);
        await sandbox.FaultAsync("esim/topup", "lost_response");

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.TopUpAsync(esim.Iccid, TopUp, None));
        var found = await sandbox.Provider.FindTopUpAsync(esim.Iccid, TopUp, None);

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(esim.Iccid, found?.Iccid);
        Assert.Equal(1, await sandbox.OrderCountAsync("TOPUP"));
        Assert.Equal(500m - 3.50m - 3.00m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task A_lost_top_up_on_a_depleted_esim_is_found_by_the_esim_coming_back()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.Provider.CreateEsimAsync(Order, None);
        await sandbox.UseAsync(esim.Iccid, 1024);
        await sandbox.FaultAsync("esim/topup", "lost_response");

        await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.TopUpAsync(esim.Iccid, TopUp, None));

        Assert.NotNull(await sandbox.Provider.FindTopUpAsync(esim.Iccid, TopUp, None));
    }

    [Fact]
    public async Task A_top_up_that_timed_out_without_landing_cannot_be_proven_absent_so_a_person_is_asked()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var impatient = sandbox.ProviderWith(o => o.Timeout = TimeSpan.FromSeconds(1));
        var esim = await impatient.CreateEsimAsync(Order, None);
        await sandbox.FaultAsync("esim/topup", "hang");

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => impatient.TopUpAsync(esim.Iccid, TopUp, None));
        var lookup = await Assert.ThrowsAsync<NotSupportedByProviderException>(() => impatient.FindTopUpAsync(esim.Iccid, TopUp, None));

        Assert.Equal((CloudeSimErrorCodes.Timeout, true), (error.Code, error.OutcomeUnknown));
        Assert.Contains("no added data", lookup.Message);
        Assert.Equal(0, await sandbox.OrderCountAsync("TOPUP"));
    }

    [Fact]
    public async Task A_lost_top_up_looked_up_after_a_restart_is_left_to_a_person()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.Provider.CreateEsimAsync(Order, None);
        await sandbox.FaultAsync("esim/topup", "lost_response");
        await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.TopUpAsync(esim.Iccid, TopUp, None));

        await Assert.ThrowsAsync<NotSupportedByProviderException>(() => sandbox.ProviderWith().FindTopUpAsync(esim.Iccid, TopUp, None));
    }

    [Fact]
    public async Task A_server_error_on_a_top_up_is_outcome_unknown_and_not_retried()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.Provider.CreateEsimAsync(Order, None);
        await sandbox.FaultAsync("esim/topup", "error", status: 500);

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.TopUpAsync(esim.Iccid, TopUp, None));

        Assert.Equal((CloudeSimErrorCodes.ServerError, true, false), (error.Code, error.OutcomeUnknown, error.Retryable));
        Assert.Equal(0, await sandbox.OrderCountAsync("TOPUP"));
    }

    [Fact]
    public async Task A_lost_cancel_answer_is_outcome_unknown_and_the_esim_shows_it_happened()
    {
        await using var sandbox = await CloudeSimSandbox.StartAsync();
        var esim = await sandbox.Provider.CreateEsimAsync(Order, None);
        await sandbox.FaultAsync("esim/cancel", "lost_response");

        var error = await Assert.ThrowsAsync<CloudeSimApiException>(() => sandbox.Provider.TerminateAsync(esim.Iccid, None));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(EsimState.Terminated, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).State);
        Assert.Equal(500m, await sandbox.BalanceAsync());
    }

    /// <summary>
    /// The store's provisioning steps (Features/Provisioning/ProvisionOrderHandler): order; after a failure that may have
    /// charged, look the eSIM up before ordering again, and stop for a person when the lookup is not supported.
    /// </summary>
    private static async Task<string> ProvisionLikeTheStoreAsync(IEsimProvider provider, ProvisionRequest request)
    {
        var requested = false;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (requested)
                {
                    if (await provider.FindEsimAsync(request, None) is not null) return "found";
                }
                requested = true;
                await provider.CreateEsimAsync(request, None);
                return "created";
            }
            catch (NotSupportedByProviderException)
            {
                return "ask staff";
            }
            catch (UpstreamException e) when (e.OutcomeUnknown || e.Retryable)
            {
            }
        }
        return "gave up";
    }
}
