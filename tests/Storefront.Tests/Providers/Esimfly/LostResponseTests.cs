using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain;
using Storefront.Providers;
using Storefront.Providers.Esimfly;

namespace Storefront.Tests.Providers.Esimfly;

/// <summary>
/// Orders and top-ups are chargeable and V1 takes no client reference: after a lost answer the provider finds the
/// purchase in the order history instead of buying again, or says it cannot tell.
/// </summary>
public class LostResponseTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ProvisionRequest Order = new("ORD-7", "Ken - Japan", "JP-3GB-7D", null);

    [Fact]
    public async Task An_order_whose_answer_is_lost_is_found_by_its_order_reference_without_a_second_order()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        await sandbox.FaultAsync("esims/order", "lost_response", method: "POST");

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Provider.CreateEsimAsync(Order, None));
        var found = await sandbox.Provider.FindEsimAsync(Order, None);

        Assert.Equal((EsimflyErrorCodes.ResponseLost, true), (error.Code, error.OutcomeUnknown));
        Assert.NotNull(found);
        Assert.StartsWith("LPA:1$", found.ActivationCode);
        var state = await sandbox.StateAsync();
        var order = Assert.Single(state["orders"]!.AsArray());
        Assert.Equal((string?)order!["reference"], found.UpstreamOrderReference);
        Assert.Equal(found.Iccid, (string?)order["iccids"]![0]);
        Assert.Equal(500m - 4.10m, await sandbox.BalanceAsync());
    }

    [Fact]
    public async Task A_lost_order_is_not_confused_with_an_order_of_the_same_package_made_since()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var earlier = await sandbox.BuyAsync("JP-3GB-7D", "ORD-6");
        await sandbox.FaultAsync("esims/order", "lost_response", method: "POST");
        await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Provider.CreateEsimAsync(Order, None));
        var later = await sandbox.BuyAsync("JP-3GB-7D", "ORD-8");

        var found = await sandbox.Provider.FindEsimAsync(Order, None);

        Assert.NotNull(found);
        Assert.DoesNotContain(found.Iccid, new[] { earlier.Iccid, later.Iccid });
        Assert.Equal(3, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task Two_lost_orders_of_the_same_package_cannot_be_told_apart_and_go_to_a_person()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        await sandbox.FaultAsync("esims/order", "lost_response", method: "POST", count: 2);
        var other = Order with { OrderReference = "ORD-9" };
        await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Provider.CreateEsimAsync(Order, None));
        await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Provider.CreateEsimAsync(other, None));

        await Assert.ThrowsAsync<NotSupportedByProviderException>(() => sandbox.Provider.FindEsimAsync(Order, None));

        Assert.Equal(2, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task An_order_that_hangs_is_outcome_unknown_and_after_the_settle_time_a_lookup_shows_nothing_was_made()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var impatient = sandbox.ProviderWith(o => o.Timeout = TimeSpan.FromSeconds(1));
        await sandbox.FaultAsync("esims/order", "hang", method: "POST");

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => impatient.CreateEsimAsync(Order, None));
        var found = await impatient.FindEsimAsync(Order, None);
        var bought = await impatient.CreateEsimAsync(Order, None);

        Assert.Equal((EsimflyErrorCodes.Timeout, true, true), (error.Code, error.Retryable, error.OutcomeUnknown));
        Assert.Null(found);
        Assert.StartsWith("LPA:1$", bought.ActivationCode);
        Assert.Equal(1, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task A_lookup_before_the_settle_time_asks_to_try_again_later()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var provider = sandbox.ProviderWith(o => o.LookupSettleTime = TimeSpan.FromMinutes(2));
        await sandbox.FaultAsync("esims/order", "error", method: "POST", status: 502);
        await Assert.ThrowsAsync<EsimflyApiException>(() => provider.CreateEsimAsync(Order, None));

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => provider.FindEsimAsync(Order, None));

        Assert.Equal((EsimflyErrorCodes.LookupTooEarly, true, true), (error.Code, error.Retryable, error.OutcomeUnknown));
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(100), TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Another_process_has_no_record_of_the_order_and_cannot_tell()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        await sandbox.FaultAsync("esims/order", "lost_response", method: "POST");
        await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Provider.CreateEsimAsync(Order, None));
        var restarted = sandbox.Process().GetRequiredService<EsimflyProvider>();

        var error = await Assert.ThrowsAsync<NotSupportedByProviderException>(() => restarted.FindEsimAsync(Order, None));

        Assert.Contains("no client reference", error.Message);
    }

    [Fact]
    public async Task A_top_up_whose_answer_is_lost_is_found_without_a_second_top_up()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("PHAJHEAYP");
        await sandbox.ActivateAsync(esim.Iccid);
        var request = new TopUpRequest("TOP-7", "TOPUP_US1GB7D", null);
        await sandbox.FaultAsync("topup/order", "lost_response");

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Provider.TopUpAsync(esim.Iccid, request, None));
        var found = await sandbox.Provider.FindTopUpAsync(esim.Iccid, request, None);

        Assert.True(error.OutcomeUnknown);
        Assert.NotNull(found);
        Assert.Equal(esim.Iccid, found.Iccid);
        Assert.Matches("^topup_", found.UpstreamReference);
        Assert.Equal(1, await sandbox.OrderCountAsync("topup"));
        Assert.Equal(2048L, (await sandbox.Provider.ReadEsimAsync(esim.Iccid, None)).DataTotalMb);
    }

    [Fact]
    public async Task A_top_up_that_failed_with_a_server_error_before_doing_anything_is_found_not_made()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("PHAJHEAYP");
        await sandbox.ActivateAsync(esim.Iccid);
        var request = new TopUpRequest("TOP-8", "TOPUP_US1GB7D", null);
        await sandbox.FaultAsync("topup/order", "error", status: 503);

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Provider.TopUpAsync(esim.Iccid, request, None));
        await Task.Delay(600);

        Assert.True(error.OutcomeUnknown);
        Assert.Null(await sandbox.Provider.FindTopUpAsync(esim.Iccid, request, None));
        Assert.Equal(0, await sandbox.OrderCountAsync("topup"));
    }

    [Fact]
    public async Task A_completed_top_up_is_found_from_the_journal()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("PHAJHEAYP");
        await sandbox.ActivateAsync(esim.Iccid);
        var request = new TopUpRequest("TOP-9", "TOPUP_US1GB7D", null);

        var done = await sandbox.Provider.TopUpAsync(esim.Iccid, request, None);

        Assert.Equal(done, await sandbox.Provider.FindTopUpAsync(esim.Iccid, request, None));
    }

    [Fact]
    public async Task Ordering_again_for_a_reference_whose_order_was_lost_is_refused_until_it_is_looked_up()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        await sandbox.FaultAsync("esims/order", "lost_response", method: "POST");
        await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Provider.CreateEsimAsync(Order, None));

        var refused = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Provider.CreateEsimAsync(Order, None));
        var found = await sandbox.Provider.FindEsimAsync(Order, None);
        var again = await sandbox.Provider.CreateEsimAsync(Order, None);

        Assert.Equal((EsimflyErrorCodes.OutcomeUnresolved, true), (refused.Code, refused.OutcomeUnknown));
        Assert.Equal(found!.Iccid, again.Iccid);
        Assert.Equal(1, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task A_second_top_up_call_for_the_same_reference_returns_the_first()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("PHAJHEAYP");
        await sandbox.ActivateAsync(esim.Iccid);
        var request = new TopUpRequest("TOP-10", "TOPUP_US1GB7D", null);

        var first = await sandbox.Provider.TopUpAsync(esim.Iccid, request, None);
        var second = await sandbox.Provider.TopUpAsync(esim.Iccid, request, None);

        Assert.Equal(first, second);
        Assert.Equal(1, await sandbox.OrderCountAsync("topup"));
    }

    [Fact]
    public async Task A_read_that_hangs_once_is_retried()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var impatient = sandbox.ProviderWith(o => o.Timeout = TimeSpan.FromSeconds(1));
        var esim = await sandbox.BuyAsync();
        await sandbox.FaultAsync("esims/usage/query", "hang");

        var reading = await impatient.ReadEsimAsync(esim.Iccid, None);

        Assert.Equal(EsimState.NotInstalled, reading.State);
    }

    [Fact]
    public async Task Unreachable_esimfly_is_a_retryable_connection_failure_and_the_order_certainly_not_made()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Esimfly:BaseUrl"] = $"http://127.0.0.1:{closedPort}/api/v1/business/",
            ["Esimfly:AccessCode"] = "esf_test",
            ["Esimfly:SecretKey"] = "sk_test",
        }).Build();
        await using var services = new ServiceCollection().AddLogging()
            .AddEsimflyProvider(configuration)
            .BuildServiceProvider();
        var provider = services.GetRequiredService<IEsimProvider>();

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => provider.CreateEsimAsync(Order, None));

        Assert.Equal((EsimflyErrorCodes.ConnectionFailed, true, false), (error.Code, error.Retryable, error.OutcomeUnknown));
        Assert.Null(await provider.FindEsimAsync(Order, None));
    }
}
