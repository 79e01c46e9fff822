using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Jobs;
using Storefront.Tests.Support;

namespace Storefront.Tests.Jobs;

/// <summary>
/// The store as an operating-system process of its own (the sandbox host built next to the tests), so that a test
/// can kill it as <c>kill -9</c> does: no shutdown code runs, its connections drop, its Hangfire jobs stay fetched.
/// </summary>
internal sealed class StoreProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private StoreProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    /// <summary>Starts the store with <paramref name="settings"/> (configuration keys, as a StoreFactory takes them).</summary>
    public static StoreProcess Start(IDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Storefront.Sandbox"))
        {
            WorkingDirectory = TestEnvironment.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--urls", "http://127.0.0.1:0", "--contentRoot", TestEnvironment.RepositoryRoot })
            start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__Format"] = "text";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;

        var log = new StreamWriter(Path.Combine(Directory.CreateTempSubdirectory("storefront-process-").FullName, "store.log")) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Storefront.Sandbox.");
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new StoreProcess(process, log);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log) log.WriteLine(line);
    }

    /// <summary>SIGKILL, as <c>kill -9</c>.</summary>
    public void Kill()
    {
        if (_process.HasExited) throw new InvalidOperationException($"The store process had already exited with {_process.ExitCode}.");
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}

/// <summary>The store's database opened by the test itself, with no store running (or beside a store in another process).</summary>
internal static class StoreDatabase
{
    public static StorefrontDbContext Open(TestDatabase engine, string connectionString) => engine == TestDatabase.Postgres
        ? new PostgresStoreDb(new DbContextOptionsBuilder<PostgresStoreDb>().UseNpgsql(connectionString).Options)
        : new SqliteStoreDb(new DbContextOptionsBuilder<SqliteStoreDb>().UseSqlite(connectionString).Options);

    /// <summary>Polls until <paramref name="condition"/> holds; errors count as "not yet" (the store may still be migrating).</summary>
    public static async Task WaitUntilAsync(TestDatabase engine, string connectionString, Func<StorefrontDbContext, Task<bool>> condition,
        string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var db = Open(engine, connectionString);
                if (await condition(db)) return;
            }
            catch (Exception) when (DateTime.UtcNow <= deadline)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A paid order for the cheapest plan on sale and its provisioning work item, committed without a prompt to Hangfire:
    /// a store finds it through its sweep. Returns the order number.
    /// </summary>
    public static async Task<string> AddPaidOrderAsync(StorefrontDbContext db, string tag)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Price).FirstAsync();
        var now = DateTimeOffset.UtcNow;
        var order = Order.Create($"{tag}@example.com", $"Traveller {tag}", plan.Snapshot(), now);
        order.MarkPaid($"pi_{tag}", plan.Price, now);
        order.AddEsim(now);
        db.Orders.Add(order);
        await new WorkQueue(db, TimeProvider.System).EnqueueAsync(WorkKinds.ProvisionOrder, order.Id, $"provision:{order.Id}");
        await db.SaveChangesAsync();
        return order.Number;
    }

    /// <summary>The order's provisioning is running and has sent (recorded as requested) the call that creates its eSIM.</summary>
    public static async Task<bool> EsimOrderIsUnderwayAsync(StorefrontDbContext db, string number)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Esims).SingleAsync(o => o.Number == number);
        return order.Esims.Any(e => e.Step == ProvisionStep.CreateRequested)
               && await db.WorkItems.AnyAsync(w => w.OrderId == order.Id && w.Kind == WorkKinds.ProvisionOrder && w.Status == WorkItemStatus.Running);
    }
}
