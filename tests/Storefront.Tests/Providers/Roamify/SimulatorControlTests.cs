using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Storefront.Providers.Roamify;
using Storefront.Sandbox.Roamify;

namespace Storefront.Tests.Providers.Roamify;

public class SimulatorControlTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Reset_forgets_orders_and_restores_the_starting_balance_and_token()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        await sandbox.BuyAsync("esim-spain-7days-1gb-all");
        await sandbox.SimAsync("tokens/rotate");

        await sandbox.SimAsync("reset");

        Assert.Equal(500m, await sandbox.BalanceAsync());
        Assert.Empty(await sandbox.Client.ListOrdersAsync(null, null, null, None));
    }

    [Fact]
    public async Task Balance_can_be_set_and_funds_added()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        await sandbox.SimAsync("balance", new { balance = 12.5m });
        await sandbox.SimAsync("balance/add", new { amount = 100m });

        Assert.Equal(112.5m, await sandbox.BalanceAsync());
        Assert.Equal("top_up", (string?)(await sandbox.SimGetAsync("events")).AsArray().Single()!["event_type"]);
    }

    [Fact]
    public async Task Orders_and_esims_are_listed_newest_first_and_filtered_by_reference()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var first = await sandbox.BuyAsync("esim-spain-7days-1gb-all", "ORD-A");
        var second = await sandbox.BuyAsync("esim-spain-30days-5gb-all", "ORD-B");

        var orders = await sandbox.Client.ListOrdersAsync(null, null, null, None);
        var onlyA = await sandbox.Client.ListOrdersAsync(RoamifyOrderStatus.Completed, 10, "ORD-A", None);
        var esims = await sandbox.Client.ListEsimsAsync(RoamifyEsimStatus.Ready, null, null, None);

        Assert.Equal(["ORD-B", "ORD-A"], orders.Select(o => o.ReferenceId));
        Assert.Equal("ORD-A", Assert.Single(onlyA).ReferenceId);
        Assert.Equal([second.Iccid, first.Iccid], esims.Select(e => e.Iccid));
    }

    [Fact]
    public async Task The_latest_order_with_a_reference_is_the_one_looked_up()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var order1 = await sandbox.Client.CreateOrderAsync([new RoamifyOrderItemRequest("esim-spain-7days-1gb-all", 1)], "REF", None);
        var order2 = await sandbox.Client.CreateOrderAsync([new RoamifyOrderItemRequest("esim-spain-7days-1gb-all", 1)], "REF", None);

        var found = await sandbox.Client.FindOrderByReferenceAsync("REF", None);
        var byId = await sandbox.Client.GetOrderAsync(order1.Id, None);

        Assert.Equal(order2.Id, found!.Id);
        Assert.Equal(order1.Id, byId.Id);
    }

    [Fact]
    public async Task Apply_by_reference_generates_every_esim_of_the_order_and_answers_an_array()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        await sandbox.Client.CreateOrderAsync([new RoamifyOrderItemRequest("esim-spain-7days-1gb-all", 3)], "BULK", None);
        using var http = Authorized(sandbox);

        using var response = await http.PostAsJsonAsync("api/esim/apply", new { referenceId = "BULK" });
        var data = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!.AsArray();

        Assert.Equal(3, data.Count);
        Assert.All(data, e => Assert.Equal("READY", (string?)e!["status"]));
        Assert.Equal(3, data.Select(e => (string?)e!["iccid"]).Distinct().Count());
    }

    [Fact]
    public async Task Events_of_an_esim_follow_its_device_life()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var esim = await sandbox.BuyAsync("esim-spain-7days-1gb-all");
        await sandbox.ActivateAsync(esim.Iccid);
        await sandbox.SimAsync($"esims/{esim.Iccid}/detach");
        await sandbox.SimAsync($"esims/{esim.Iccid}/delete");
        using var http = Authorized(sandbox);

        var json = JsonNode.Parse(await http.GetStringAsync($"api/esim/events?iccid={esim.Iccid}"))!;

        Assert.Equal(esim.UpstreamId, (string?)json["esimId"]);
        Assert.Equal(["NEW", "DOWNLOADED", "INSTALLED", "ACTIVATED", "INACTIVE", "DELETED"],
            json["events"]!.AsArray().Select(e => (string?)e!["status"]));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", (string?)json["events"]![0]!["dateTime"]);
    }

    [Fact]
    public async Task Usage_before_the_profile_exists_is_refused()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        var order = await sandbox.Client.CreateOrderAsync([new RoamifyOrderItemRequest("esim-spain-7days-1gb-all", 1)], null, None);

        using var response = await sandbox.Control.PostAsJsonAsync($"esims/{order.Items![0].EsimId}/usage", new { mb = 10 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Added_latency_slows_every_call()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        await sandbox.SimAsync("faults", new { path = "api/balance", kind = "latency", latency_ms = 400 });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await sandbox.BalanceAsync();

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(380), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Settings_change_open_question_behaviours_at_run_time()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();

        var settings = await sandbox.SettingsAsync(new { charge_at = "apply", page_counts = "packages", top_up_validity = "reset", max_page_size = 10 });
        using var bad = await sandbox.Control.PostAsJsonAsync("settings", new { charge_at = "never" });

        Assert.Equal(("apply", "packages", "reset", 10), ((string?)settings["charge_at"], (string?)settings["page_counts"],
            (string?)settings["top_up_validity"], (int?)settings["max_page_size"]));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_health_endpoint_needs_no_token()
    {
        await using var sandbox = await RoamifySandbox.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.ApiBase };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/health")).StatusCode);
    }

    private static HttpClient Authorized(RoamifySandbox sandbox)
    {
        var http = new HttpClient { BaseAddress = sandbox.ApiBase };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RoamifySimulatorOptions.DefaultAccessToken);
        return http;
    }
}
