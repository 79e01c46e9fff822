using System.Data.Common;
using System.Diagnostics;
using Xunit.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain;
using Storefront.Jobs;
using Storefront.Providers.Citrus;
using Storefront.Sandbox.Citrus;
using Storefront.Tests.Providers.Citrus;
using Storefront.Tests.Support;

namespace Storefront.Tests.Jobs;

/// <summary>
/// A store killed between a chargeable upstream call and the commit that records it loses nothing and charges
/// nothing twice once it runs again (docs/decisions/0003 and 0007). On the embedded database Hangfire's queue is in
/// memory, so there the WorkItems table alone brings the work back. A killed store's work resumes within seconds
/// (its lease is short and renewed while the work runs); a stopped store hands its work back at once. Every test
/// runs with the default lease.
/// </summary>
public sealed class RestartTests(ITestOutputHelper output)
{
    /// <summary>Within about one lease (15 s by default) of the kill, plus the store's start: seconds, not the old 5 minutes.</summary>
    private static readonly TimeSpan ResumedWithin = TimeSpan.FromSeconds(40);

    [Theory]
    [InlineData(TestDatabase.Sqlite, "upstream.created")]
    [InlineData(TestDatabase.Sqlite, "upstream.funded")]
    [InlineData(TestDatabase.Postgres, "upstream.created")]
    [InlineData(TestDatabase.Postgres, "upstream.funded")]
    public async Task Store_killed_after_the_upstream_call_and_before_the_commit_completes_the_order_once_after_restart(TestDatabase engine,
        string killedBefore)
    {
        // The upstream and the database outlive both runs of the store, as real ones would.
        await using var citrus = await CitrusSandbox.StartAsync();
        var balanceBefore = (await citrus.Client.GetWalletBalanceAsync(CancellationToken.None)).BalanceUsd;
        var directory = Directory.CreateTempSubdirectory("storefront-restart-").FullName;
        await using var postgres = engine == TestDatabase.Postgres ? await SharedDatabase.CreateAsync() : null;
        var mail = Path.Combine(directory, "mail");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = postgres is null ? "sqlite" : "postgres",
            ["ConnectionStrings:Storefront"] = postgres?.ConnectionString ?? $"Data Source={Path.Combine(directory, "storefront.db")}",
            ["Smtp:PickupDirectory"] = mail,
            ["Sandbox:Provider"] = "false",
            ["Citrus:ApiKey"] = CitrusSimulatorOptions.DefaultApiKey,
            ["Citrus:BaseUrl"] = citrus.ApiBase.ToString(),
        };

        string number;
        var kill = new KillBeforeCommit(killedBefore);
        await using (var first = new StoreFactory(settings: settings).WithServices(s => s.AddSingleton<IInterceptor>(kill)))
        {
            first.StartServer();
            await first.WaitUntilAsync(db => db.Plans.AnyAsync(p => p.IsActive), "the catalogue to be synced");
            using var shopper = new Shopper(first);
            var checkout = await shopper.StartCheckoutAsync("DE", 3);
            await shopper.PayAsync(checkout.SessionId);
            number = checkout.OrderNumber;
            await kill.Killed.WaitAsync(TimeSpan.FromSeconds(30));
        }
        var sinceKill = Stopwatch.StartNew();

        await using var second = new StoreFactory(settings: settings);
        second.StartServer();
        var order = await second.WaitForOrderAsync(number, OrderStatus.Delivered, TimeSpan.FromSeconds(90));
        output.WriteLine($"{engine}, killed before {killedBefore}: delivered {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill");
        Assert.True(sinceKill.Elapsed < ResumedWithin, $"The work resumed {sinceKill.Elapsed.TotalSeconds:0} s after the kill.");
        await second.WaitForDueWorkAsync();

        var esims = new List<CitrusEsim>();
        await foreach (var esim in citrus.Client.ListAllEsimsAsync(null, CancellationToken.None))
            if (esim.EndUserReference == number) esims.Add(esim);
        var upstream = Assert.Single(esims);
        Assert.Equal(balanceBefore - CitrusUpstream.ProvisionFee - order.Plan.FundAmountUsd!.Value,
            (await citrus.Client.GetWalletBalanceAsync(CancellationToken.None)).BalanceUsd);
        var stored = Assert.Single(order.Esims);
        Assert.Equal(upstream.Iccid, stored.Iccid);
        Assert.Equal(1, stored.CreateAttempts);
        Assert.Equal(1, stored.AttachAttempts);
        Assert.Contains(order.Events, e => e.Kind == "upstream.found");
        Assert.Single(Directory.GetFiles(mail, "*.eml"));
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Store_killed_with_sigkill_mid_provision_is_resumed_within_seconds_of_the_restart_and_provisioned_once(TestDatabase engine)
    {
        await using var citrus = await CitrusSandbox.StartAsync();
        var balanceBefore = (await citrus.Client.GetWalletBalanceAsync(CancellationToken.None)).BalanceUsd;
        // The first eSIM order hangs upstream, so the store is killed in the middle of it.
        await citrus.SimAsync("faults", new { path = "esim/provision", method = "POST", kind = "hang", count = 1 });
        var directory = Directory.CreateTempSubdirectory("storefront-sigkill-").FullName;
        await using var postgres = engine == TestDatabase.Postgres ? await SharedDatabase.CreateAsync() : null;
        var connectionString = postgres?.ConnectionString ?? $"Data Source={Path.Combine(directory, "storefront.db")}";
        var mail = Path.Combine(directory, "mail");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = postgres is null ? "sqlite" : "postgres",
            ["ConnectionStrings:Storefront"] = connectionString,
            ["Smtp:PickupDirectory"] = mail,
            ["Citrus:ApiKey"] = CitrusSimulatorOptions.DefaultApiKey,
            ["Sandbox:Provider"] = "false",
            ["Citrus:BaseUrl"] = citrus.ApiBase.ToString(),
        };

        string number;
        using (var victim = StoreProcess.Start(new Dictionary<string, string?>(settings) { ["Jobs:SweepInterval"] = "00:00:01" }))
        {
            await StoreDatabase.WaitUntilAsync(engine, connectionString, db => db.Plans.AnyAsync(p => p.IsActive), "the catalogue to be synced",
                TimeSpan.FromSeconds(60));
            await using (var db = StoreDatabase.Open(engine, connectionString))
                number = await StoreDatabase.AddPaidOrderAsync(db, "sigkill");
            await StoreDatabase.WaitUntilAsync(engine, connectionString, db => StoreDatabase.EsimOrderIsUnderwayAsync(db, number),
                "the eSIM order to be sent", TimeSpan.FromSeconds(30));
            await citrus.WaitUntilFaultsAreTakenAsync();
            victim.Kill();
        }
        var sinceKill = Stopwatch.StartNew();

        await using var second = new StoreFactory(settings: settings);
        second.StartServer();
        var order = await second.WaitForOrderAsync(number, OrderStatus.Delivered, TimeSpan.FromSeconds(90));
        output.WriteLine($"{engine}, kill -9 mid-provision: delivered {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill");
        Assert.True(sinceKill.Elapsed < ResumedWithin, $"The work resumed {sinceKill.Elapsed.TotalSeconds:0} s after the kill.");
        await second.WaitForDueWorkAsync();

        var upstream = Assert.Single(await EsimsForAsync(citrus, number));
        Assert.Equal(balanceBefore - CitrusUpstream.ProvisionFee - order.Plan.FundAmountUsd!.Value,
            (await citrus.Client.GetWalletBalanceAsync(CancellationToken.None)).BalanceUsd);
        var stored = Assert.Single(order.Esims);
        Assert.Equal(upstream.Iccid, stored.Iccid);
        Assert.Equal(2, stored.CreateAttempts);
        Assert.Equal(1, stored.AttachAttempts);
        Assert.Equal(2, await second.WithDbAsync(db => db.WorkItems.Where(w => w.OrderId == order.Id && w.Kind == WorkKinds.ProvisionOrder)
            .Select(w => w.Attempts).SingleAsync()));
        Assert.Single(Directory.GetFiles(mail, "*.eml"));
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Store_stopped_mid_provision_hands_the_work_back_at_once_and_the_next_start_resumes_it(TestDatabase engine)
    {
        await using var citrus = await CitrusSandbox.StartAsync();
        await citrus.SimAsync("faults", new { path = "esim/provision", method = "POST", kind = "hang", count = 1 });
        var directory = Directory.CreateTempSubdirectory("storefront-stop-").FullName;
        await using var postgres = engine == TestDatabase.Postgres ? await SharedDatabase.CreateAsync() : null;
        var connectionString = postgres?.ConnectionString ?? $"Data Source={Path.Combine(directory, "storefront.db")}";
        var mail = Path.Combine(directory, "mail");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = postgres is null ? "sqlite" : "postgres",
            ["ConnectionStrings:Storefront"] = connectionString,
            ["Smtp:PickupDirectory"] = mail,
            ["Citrus:ApiKey"] = CitrusSimulatorOptions.DefaultApiKey,
            ["Sandbox:Provider"] = "false",
            ["Citrus:BaseUrl"] = citrus.ApiBase.ToString(),
        };

        var first = await StoreFactory.StartAsync(settings: settings);
        var number = await first.WithDbAsync(db => StoreDatabase.AddPaidOrderAsync(db, "stop"));
        // Committed through the store's own context, so Hangfire is prompted at once.
        await first.WaitUntilAsync(db => StoreDatabase.EsimOrderIsUnderwayAsync(db, number), "the eSIM order to be sent");
        await citrus.WaitUntilFaultsAreTakenAsync();
        var stopping = Stopwatch.StartNew();
        await first.DisposeAsync();
        output.WriteLine($"{engine}: the store stopped in {stopping.Elapsed.TotalSeconds:0.0} s");

        await using (var db = StoreDatabase.Open(engine, connectionString))
        {
            var item = await db.WorkItems.AsNoTracking().SingleAsync(w => w.Kind == WorkKinds.ProvisionOrder);
            Assert.Equal(WorkItemStatus.Pending, item.Status);
            Assert.Null(item.LockedUntil);
        }

        var restarted = Stopwatch.StartNew();
        await using var second = new StoreFactory(settings: settings);
        second.StartServer();
        var order = await second.WaitForOrderAsync(number, OrderStatus.Delivered, TimeSpan.FromSeconds(60));
        output.WriteLine($"{engine}: delivered {restarted.Elapsed.TotalSeconds:0.0} s after the restart began");
        // Well inside one lease: nothing waited for a claim to run out.
        Assert.True(restarted.Elapsed < TimeSpan.FromSeconds(12), $"The work resumed {restarted.Elapsed.TotalSeconds:0} s after the restart.");
        await second.WaitForDueWorkAsync();
        Assert.Single(await EsimsForAsync(citrus, number));
        Assert.Single(Directory.GetFiles(mail, "*.eml"));
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    private static async Task<List<CitrusEsim>> EsimsForAsync(CitrusSandbox citrus, string number)
    {
        var esims = new List<CitrusEsim>();
        await foreach (var esim in citrus.Client.ListAllEsimsAsync(null, CancellationToken.None))
            if (esim.EndUserReference == number) esims.Add(esim);
        return esims;
    }

    /// <summary>
    /// Plays the process dying the moment it is about to commit the timeline line <c>kind</c>: that save and every
    /// later database command of the store fail, so nothing after the upstream call is recorded, not even the failure.
    /// </summary>
    private sealed class KillBeforeCommit(string kind) : DbCommandInterceptor, ISaveChangesInterceptor
    {
        private readonly TaskCompletionSource _killed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Killed => _killed.Task;

        public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            KillOnCommitOf(eventData.Context);
            return result;
        }

        public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            KillOnCommitOf(eventData.Context);
            return ValueTask.FromResult(result);
        }

        private void KillOnCommitOf(DbContext? context)
        {
            if (context?.ChangeTracker.Entries<OrderEvent>().Any(e => e.State == EntityState.Added && e.Entity.Kind == kind) == true)
                _killed.TrySetResult();
            ThrowIfKilled();
        }

        private void ThrowIfKilled()
        {
            if (_killed.Task.IsCompleted) throw new InvalidOperationException("The store was killed.");
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            ThrowIfKilled();
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            ThrowIfKilled();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            ThrowIfKilled();
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            ThrowIfKilled();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            ThrowIfKilled();
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            ThrowIfKilled();
            return ValueTask.FromResult(result);
        }
    }
}
