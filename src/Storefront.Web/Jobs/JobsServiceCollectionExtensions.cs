using Microsoft.Data.Sqlite;
using Quartz;
using Storefront.Data;
using Storefront.Features.Catalog;
using Storefront.Infrastructure;

namespace Storefront.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Durable work items (the WorkItems table, run by <see cref="WorkItemDispatcher"/>) and scheduled jobs on Quartz
    /// with a persistent store: PostgreSQL (clustered, so each job fires once across nodes) or a SQLite file beside
    /// the store's database.
    /// </summary>
    public static WebApplicationBuilder AddBackgroundJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobOptions>().Bind(builder.Configuration.GetSection(JobOptions.Section));
        services.AddSingleton<WorkSignal>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, WorkSignalInterceptor>();
        services.AddScoped<WorkQueue>();
        services.AddSingleton<WorkItemDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkItemDispatcher>());

        var jobs = builder.Configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName);
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                if (database.Provider == "postgres")
                {
                    store.UsePostgres(connectionString!);
                    store.UseClustering();
                }
                else
                {
                    store.UseSqlite(QuartzSqliteConnectionString(builder));
                }
            });
            q.AddJob<CatalogSyncJob>(j => j.WithIdentity(CatalogSyncJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(CatalogSyncJob.Key).WithIdentity("catalog-sync-schedule")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(jobs.CatalogSyncInterval).RepeatForever()));
            q.AddJob<Features.Orders.UsageRefreshJob>(j => j.WithIdentity(Features.Orders.UsageRefreshJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(Features.Orders.UsageRefreshJob.Key).WithIdentity("usage-refresh-schedule")
                .StartAt(DateTimeOffset.UtcNow + jobs.UsageRefreshInterval)
                .WithSimpleSchedule(s => s.WithInterval(jobs.UsageRefreshInterval).RepeatForever()));
        });
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            // Jobs call the in-process simulators through the server's own address, known once it listens.
            o.AwaitApplicationStarted = true;
        });
        return builder;
    }

    private static string QuartzSqliteConnectionString(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString("Quartz");
        var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=data/quartz.db" : configured);
        if (!Path.IsPathRooted(sqlite.DataSource))
            sqlite.DataSource = Path.Combine(builder.Environment.ContentRootPath, sqlite.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(sqlite.DataSource)!);
        return sqlite.ToString();
    }
}

/// <summary>Refreshes the catalogue from the upstream provider (hourly by default, and once at start). While the store
/// has nothing on sale, a failed sync is tried again a minute later instead of at the next hourly run.</summary>
[DisallowConcurrentExecution]
public sealed class CatalogSyncJob(CatalogSync sync, CatalogReader reader, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore pages,
    StorefrontDbContext db, ILogger<CatalogSyncJob> logger) : IJob
{
    public static readonly JobKey Key = new("catalog-sync");
    private static readonly TimeSpan RetryWhenEmpty = TimeSpan.FromMinutes(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await sync.RunAsync(cancellationToken);
            reader.Invalidate();
            await pages.EvictByTagAsync(CatalogController.CachePolicy, cancellationToken);
        }
        catch (Exception e) when (e is Providers.UpstreamException or HttpRequestException or TaskCanceledException)
        {
            var empty = !await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Plans, p => p.IsActive, cancellationToken);
            logger.LogError("Catalogue sync failed: {Error}{Retry}", e.Message, empty ? $"; nothing is on sale, so it runs again in {RetryWhenEmpty}" : "");
            if (empty)
                await context.Scheduler.ScheduleJob(TriggerBuilder.Create().ForJob(Key).StartAt(DateTimeOffset.UtcNow + RetryWhenEmpty).Build(), cancellationToken: cancellationToken);
        }
    }
}
