using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Providers;
using Storefront.Providers.Roamify;

namespace Storefront.Tests.Providers.Roamify;

/// <summary>Order and top-up are chargeable and carry no idempotency key: after a lost answer, look up by referenceId, never repeat.</summary>
public class LostResponseTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ProvisionRequest Order = new("ORD-7", "Ken - Japan", "esim-japan-7days-1gb-all", null);

    [Fact]
    public async Task An_order_whose_response_is_lost_is_outcome_unknown_and_found_by_its_reference_without_a_second_order()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        await sandbox.FaultAsync("api/esim/order", "lost_response");

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => sandbox.Provider.CreateEsimAsync(Order, None));
        var found = await sandbox.Provider.FindEsimAsync(Order, None);
        var again = await sandbox.Provider.FindEsimAsync(Order, None);

        Assert.Equal((RoamifyErrorCodes.ResponseLost, true, true), (error.Code, error.OutcomeUnknown, error.Retryable));
        Assert.NotNull(found);
        Assert.StartsWith("LPA:1$", found.ActivationCode);
        Assert.Equal("ORD-7", found.UpstreamOrderReference);
        Assert.Equal((found.Iccid, found.ActivationCode), (again!.Iccid, again.ActivationCode));
        Assert.Single(await sandbox.OrdersAsync());
        Assert.Equal(500m - 4.50m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task An_order_that_times_out_before_roamify_works_on_it_is_outcome_unknown_and_a_lookup_finds_nothing()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var impatient = sandbox.ProviderWith(o => o.Timeout = TimeSpan.FromSeconds(1));
        await sandbox.FaultAsync("api/esim/order", "hang");

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => impatient.CreateEsimAsync(Order, None));

        Assert.Equal((RoamifyErrorCodes.Timeout, true, true), (error.Code, error.OutcomeUnknown, error.Retryable));
        Assert.Null(await sandbox.Provider.FindEsimAsync(Order, None));
        Assert.Equal(500m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task An_apply_whose_response_is_lost_is_recovered_by_reading_the_esim()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        await sandbox.FaultAsync("api/esim/apply", "lost_response");

        var esim = await sandbox.Provider.CreateEsimAsync(Order, None);

        Assert.StartsWith("LPA:1$", esim.ActivationCode);
        Assert.Single(await sandbox.OrdersAsync());
    }

    [Fact]
    public async Task An_apply_that_never_arrives_leaves_a_paid_esim_that_the_lookup_applies()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var hasty = sandbox.ProviderWith(o =>
        {
            o.ApplyTimeout = TimeSpan.FromSeconds(0.5);
            o.ApplyWaitLimit = TimeSpan.FromSeconds(1);
        });
        await sandbox.FaultAsync("api/esim/apply", "hang");

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => hasty.CreateEsimAsync(Order, None));
        var found = await sandbox.Provider.FindEsimAsync(Order, None);

        Assert.Equal((RoamifyErrorCodes.ProfileNotReady, true), (error.Code, error.OutcomeUnknown));
        Assert.NotNull(found);
        Assert.StartsWith("LPA:1$", found.ActivationCode);
        Assert.Single(await sandbox.OrdersAsync());
        Assert.Equal(495.50m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task A_lost_travel_date_order_is_applied_by_the_lookup_with_the_travel_date()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var travel = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(4);
        var request = new ProvisionRequest("ORD-8", "Ken", "esim-japan-5days-un3gb-all", travel);
        await sandbox.FaultAsync("api/esim/order", "lost_response");

        await Assert.ThrowsAsync<RoamifyApiException>(() => sandbox.Provider.CreateEsimAsync(request, None));
        var found = await sandbox.Provider.FindEsimAsync(request, None);

        Assert.Equal(travel.ToString("yyyy-MM-dd"), (string?)(await sandbox.EsimStateAsync(found!.Iccid))["start_date"]);
    }

    [Fact]
    public async Task A_top_up_whose_response_is_lost_is_outcome_unknown_and_found_by_its_reference_without_a_second_charge()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-france-7days-1gb-all");
        var request = new TopUpRequest("TOP-9", "esim-france-30days-5gb-all", null);
        await sandbox.FaultAsync("api/esim/order/topup", "lost_response");

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => sandbox.Provider.TopUpAsync(esim.Iccid, request, None));
        var found = await sandbox.Provider.FindTopUpAsync(esim.Iccid, request, None);
        var reading = await sandbox.Provider.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal((RoamifyErrorCodes.ResponseLost, true), (error.Code, error.OutcomeUnknown));
        Assert.NotNull(found);
        Assert.Equal(esim.Iccid, found.Iccid);
        Assert.Equal(1024L + 5120L, reading.DataTotalMb);
        Assert.Equal(500m - 3.50m - 10m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task A_top_up_that_times_out_unanswered_is_not_found()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-france-7days-1gb-all");
        var impatient = sandbox.ProviderWith(o => o.Timeout = TimeSpan.FromSeconds(1));
        var request = new TopUpRequest("TOP-10", "esim-france-30days-5gb-all", null);
        await sandbox.FaultAsync("api/esim/order/topup", "hang");

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() => impatient.TopUpAsync(esim.Iccid, request, None));

        Assert.Equal((RoamifyErrorCodes.Timeout, true), (error.Code, error.OutcomeUnknown));
        Assert.Null(await sandbox.Provider.FindTopUpAsync(esim.Iccid, request, None));
    }

    [Fact]
    public async Task A_read_that_times_out_once_is_retried()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-france-7days-1gb-all");
        var impatient = sandbox.ProviderWith(o => o.Timeout = TimeSpan.FromSeconds(1));
        await sandbox.FaultAsync("api/esim/usage", "hang");

        var reading = await impatient.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(1024L, reading.DataTotalMb);
    }

    [Fact]
    public async Task A_read_whose_response_is_lost_is_retried()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        await sandbox.FaultAsync("api/balance", "lost_response");

        Assert.Equal(500m, await sandbox.Provider.GetResellerBalanceAsync(None));
    }

    [Fact]
    public async Task A_lookup_for_a_reference_never_ordered_finds_nothing()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        await sandbox.BuyAsync("esim-france-7days-1gb-all", "ORD-OTHER");

        Assert.Null(await sandbox.Provider.FindEsimAsync(Order, None));
    }

    [Fact]
    public async Task Unreachable_roamify_is_a_retryable_connection_failure_with_a_known_outcome()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Roamify:BaseUrl"] = $"http://127.0.0.1:{closedPort}/", ["Roamify:AccessToken"] = "roamify_test" }).Build();
        await using var services = new ServiceCollection().AddLogging()
            .AddRoamifyProvider(configuration)
            .BuildServiceProvider();

        var error = await Assert.ThrowsAsync<RoamifyApiException>(() =>
            services.GetRequiredService<RoamifyClient>().CreateOrderAsync([new RoamifyOrderItemRequest("esim-japan-7days-1gb-all", 1)], "ORD-1", None));

        Assert.Equal((RoamifyErrorCodes.ConnectionFailed, true, false), (error.Code, error.Retryable, error.OutcomeUnknown));
    }
}
