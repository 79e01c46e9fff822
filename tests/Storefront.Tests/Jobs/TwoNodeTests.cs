using System.Diagnostics;
using Xunit.Abstractions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Jobs;
using Storefront.Providers.Citrus;
using Storefront.Sandbox.Citrus;
using Storefront.Tests.Providers.Citrus;
using Storefront.Tests.Support;

namespace Storefront.Tests.Jobs;

/// <summary>Two store nodes on one PostgreSQL database share Hangfire's queue and schedules, and one takes over what the
/// other was running when it died (docs/decisions/0007).</summary>
public sealed class TwoNodeTests(ITestOutputHelper output)
{
    private const int Orders = 8;

    [Fact]
    public async Task Two_nodes_on_one_postgres_database_provision_each_order_once_and_fire_each_recurring_occurrence_once()
    {
        await using var citrus = await CitrusSandbox.StartAsync();
        var balanceBefore = (await citrus.Client.GetWalletBalanceAsync(CancellationToken.None)).BalanceUsd;
        await using var database = await SharedDatabase.CreateAsync();
        var mail = Directory.CreateTempSubdirectory("storefront-two-nodes-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgres",
            ["ConnectionStrings:Storefront"] = database.ConnectionString,
            ["Smtp:PickupDirectory"] = mail,
            ["Sandbox:Provider"] = "false",
            ["Citrus:ApiKey"] = CitrusSimulatorOptions.DefaultApiKey,
            ["Citrus:BaseUrl"] = citrus.ApiBase.ToString(),
            ["Jobs:UsageRefreshInterval"] = "00:00:01",
        };
        await using var first = await StartAsync(settings);
        await using var second = await StartAsync(settings);

        var numbers = await first.WithDbAsync(async db =>
        {
            var work = new WorkQueue(db, TimeProvider.System);
            var plan = await db.Plans.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Price).FirstAsync();
            var now = DateTimeOffset.UtcNow;
            var orders = Enumerable.Range(1, Orders).Select(i =>
            {
                var order = Order.Create($"node{i}@example.com", $"Node {i}", plan.Snapshot(), now);
                order.MarkPaid($"pi_two_nodes_{i}", plan.Price, now);
                order.AddEsim(now);
                return order;
            }).ToList();
            db.Orders.AddRange(orders);
            foreach (var order in orders)
                await work.EnqueueAsync(WorkKinds.ProvisionOrder, order.Id, $"provision:{order.Id}");
            await db.SaveChangesAsync();
            return orders.Select(o => o.Number).ToList();
        });

        await second.WaitUntilAsync(async db => await db.Orders.CountAsync(o => numbers.Contains(o.Number) && o.Status == OrderStatus.Delivered) == Orders,
            "every order to be delivered", TimeSpan.FromSeconds(60));
        await first.WaitUntilAsync(async _ => (await UsageRefreshOccurrences(database)).Count >= 4, "four usage refresh occurrences");
        await first.WaitForDueWorkAsync();

        var upstream = new List<CitrusEsim>();
        await foreach (var esim in citrus.Client.ListAllEsimsAsync(null, CancellationToken.None)) upstream.Add(esim);
        Assert.All(numbers, number => Assert.Single(upstream, e => e.EndUserReference == number));
        var plan = (await first.OrderAsync(numbers[0])).Plan;
        Assert.Equal(balanceBefore - Orders * (CitrusUpstream.ProvisionFee + plan.FundAmountUsd!.Value),
            (await citrus.Client.GetWalletBalanceAsync(CancellationToken.None)).BalanceUsd);
        Assert.Equal(Orders, Directory.GetFiles(mail, "*.eml").Length);
        Assert.Equal(Orders, await first.WithDbAsync(db => db.WorkItems.CountAsync(w => w.Kind == WorkKinds.ProvisionOrder && w.Attempts == 1)));

        Assert.Equal(2, first.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers().Count);
        var occurrences = await UsageRefreshOccurrences(database);
        Assert.All(occurrences, o => Assert.Equal(1, o.Jobs));
        try { Directory.Delete(mail, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_node_killed_mid_provision_hands_its_work_to_the_other_node_within_seconds_and_it_is_provisioned_once()
    {
        await using var citrus = await CitrusSandbox.StartAsync();
        var balanceBefore = (await citrus.Client.GetWalletBalanceAsync(CancellationToken.None)).BalanceUsd;
        // The first eSIM order hangs upstream, so the node running it is killed in the middle of it.
        await citrus.SimAsync("faults", new { path = "esim/provision", method = "POST", kind = "hang", count = 1 });
        await using var database = await SharedDatabase.CreateAsync();
        var mail = Directory.CreateTempSubdirectory("storefront-two-nodes-kill-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgres",
            ["ConnectionStrings:Storefront"] = database.ConnectionString,
            ["Smtp:PickupDirectory"] = mail,
            ["Citrus:ApiKey"] = CitrusSimulatorOptions.DefaultApiKey,
            ["Sandbox:Provider"] = "false",
            ["Citrus:BaseUrl"] = citrus.ApiBase.ToString(),
        };

        using var victim = StoreProcess.Start(new Dictionary<string, string?>(settings) { ["Jobs:SweepInterval"] = "00:00:01" });
        await StoreDatabase.WaitUntilAsync(TestDatabase.Postgres, database.ConnectionString, db => db.Plans.AnyAsync(p => p.IsActive),
            "the catalogue to be synced", TimeSpan.FromSeconds(60));
        string number;
        await using (var db = StoreDatabase.Open(TestDatabase.Postgres, database.ConnectionString))
            number = await StoreDatabase.AddPaidOrderAsync(db, "node-kill");
        await StoreDatabase.WaitUntilAsync(TestDatabase.Postgres, database.ConnectionString, db => StoreDatabase.EsimOrderIsUnderwayAsync(db, number),
            "the eSIM order to be sent", TimeSpan.FromSeconds(30));
        await citrus.WaitUntilFaultsAreTakenAsync();
        // The other node is up before the first dies, and only the first can hold the order.
        await using var survivor = await StartAsync(settings);
        victim.Kill();
        var sinceKill = Stopwatch.StartNew();

        var order = await survivor.WaitForOrderAsync(number, OrderStatus.Delivered, TimeSpan.FromSeconds(90));
        output.WriteLine($"kill -9 of one node mid-provision: the other delivered {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill");
        Assert.True(sinceKill.Elapsed < TimeSpan.FromSeconds(30), $"The work resumed {sinceKill.Elapsed.TotalSeconds:0} s after the kill.");
        await survivor.WaitForDueWorkAsync();

        var upstream = new List<CitrusEsim>();
        await foreach (var esim in citrus.Client.ListAllEsimsAsync(null, CancellationToken.None)) upstream.Add(esim);
        Assert.Single(upstream, e => e.EndUserReference == number);
        Assert.Equal(balanceBefore - CitrusUpstream.ProvisionFee - order.Plan.FundAmountUsd!.Value,
            (await citrus.Client.GetWalletBalanceAsync(CancellationToken.None)).BalanceUsd);
        Assert.Equal(2, Assert.Single(order.Esims).CreateAttempts);
        Assert.Single(Directory.GetFiles(mail, "*.eml"));
        try { Directory.Delete(mail, recursive: true); } catch (IOException) { }
    }

    private static async Task<StoreFactory> StartAsync(Dictionary<string, string?> settings)
    {
        var store = new StoreFactory(settings: settings);
        store.StartServer();
        await store.WaitUntilAsync(db => db.Plans.AnyAsync(p => p.IsActive), "the catalogue to be synced");
        return store;
    }

    /// <summary>How many jobs Hangfire created for each scheduled time of the usage refresh, read from its own tables.</summary>
    private static async Task<List<(string Time, long Jobs)>> UsageRefreshOccurrences(SharedDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT t.value, count(*) FROM hangfire.jobparameter r
            JOIN hangfire.jobparameter t ON t.jobid = r.jobid AND t.name = 'Time'
            WHERE r.name = 'RecurringJobId' AND r.value = '"usage-refresh"'
            GROUP BY t.value
            """, connection);
        var occurrences = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) occurrences.Add((reader.GetString(0), reader.GetInt64(1)));
        return occurrences;
    }
}
