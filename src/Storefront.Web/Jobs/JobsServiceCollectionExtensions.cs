using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Infrastructure;

namespace Storefront.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire runs the store's background work: each work item as a <see cref="WorkItemJob"/> (its handler is the
    /// <see cref="IWorkHandler"/> of its kind), the work item sweep, and every <see cref="IRecurringWork"/> the slices
    /// register. Its storage is the store's database (schema
    /// "hangfire") on PostgreSQL or SQL Server, so every node shares one queue and each occurrence fires once; with the
    /// embedded SQLite database it is in memory, and the WorkItems table alone is what survives a restart.
    /// </summary>
    /// <remarks>
    /// Everything Hangfire needs is registered per host, never through its statics (JobStorage.Current, the global
    /// filters and log provider): tests run many hosts in one process.
    /// </remarks>
    public static WebApplicationBuilder AddBackgroundJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobOptions>().Bind(builder.Configuration.GetSection(JobOptions.Section))
            .Validate(o => o.MaxAttempts >= 1 && o.Concurrency >= 1, "Jobs:MaxAttempts and Jobs:Concurrency must be at least 1.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.RetryBaseDelay > TimeSpan.Zero,
                "Jobs:PollInterval and Jobs:RetryBaseDelay must be positive.")
            .Validate(o => o.Lease >= TimeSpan.FromSeconds(3), "Jobs:Lease must be at least 00:00:03 (it is renewed every third of it).")
            .Validate(o => new[] { o.CatalogSyncInterval, o.UsageRefreshInterval, o.SweepInterval, o.ResellerBalanceCheckInterval }.All(i => Every.Cron(i) is not null),
                "Jobs:CatalogSyncInterval, UsageRefreshInterval, SweepInterval and ResellerBalanceCheckInterval must divide a minute, an hour or a day evenly (e.g. 00:00:30, 00:10:00, 06:00:00).")
            .ValidateOnStart();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, EnqueueCommittedWork>();
        services.AddScoped<WorkQueue>();
        services.AddScoped<WorkItemJob>();
        services.AddScoped<WorkItemSweep>();
        services.AddHostedService<ExpiredLeaseWatch>();
        services.AddScoped<RecurringWorkJob>();
        services.AddScoped<RecurringWorkScheduler>();

        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName);
        services.AddSingleton<JobStorage>(sp => database.Provider switch
        {
            "postgres" => PostgresStorage(connectionString!, sp.GetRequiredService<IOptions<JobOptions>>().Value),
            "sqlserver" => new SqlServerStorage(connectionString, new SqlServerStorageOptions { SchemaName = "hangfire" }),
            _ => new InMemoryStorage(),
        });
        services.AddSingleton<IJobFilterProvider>(new JobFilterProviderCollection(
            new JobFilterCollection { new RetryWorkItemLater(), new StatisticsHistoryAttribute() },
            new JobFilterAttributeFilterProvider()));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<ITimeZoneResolver, DefaultTimeZoneResolver>();
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton<IRecurringJobManager>(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>(),
            sp.GetRequiredService<IJobFilterProvider>(), sp.GetRequiredService<ITimeZoneResolver>()));
        // The dashboard checks for this marker; Hangfire's AddHangfire would also point its statics at this host.
        services.AddSingleton(ProcessWideConfiguration);
        services.AddSingleton(Hangfire.Dashboard.DashboardRoutes.Routes);
        services.AddHostedService<JobServer>();
        return builder;
    }

    /// <summary>Hangfire keeps its serializer settings in statics; being the same for every host, they are set once.</summary>
    private static readonly IGlobalConfiguration ProcessWideConfiguration = ConfigureProcessWide();

    private static IGlobalConfiguration ConfigureProcessWide()
    {
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
        return GlobalConfiguration.Configuration;
    }

    private static PostgreSqlStorage PostgresStorage(string connectionString, JobOptions jobs)
    {
        // Sliding: the job a node runs stays invisible to others while that node lives, and a job a dead node had fetched
        // is queued again after one lease instead of Hangfire.PostgreSql's default 30 minutes.
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            QueuePollInterval = jobs.PollInterval,
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = jobs.Lease,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}

/// <summary>
/// Starts Hangfire's server once the app listens (in the sandbox, work calls the in-process simulators through the
/// app's own address), then schedules the recurring work, queues what runs at start and hands over the work a previous
/// run left unfinished.
/// </summary>
internal sealed class JobServer(
    JobStorage storage,
    IJobFilterProvider filters,
    JobActivator activator,
    ITimeZoneResolver timeZones,
    IRecurringJobManager recurring,
    IBackgroundJobClient jobs,
    IOptions<JobOptions> options,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime) : IHostedService
{
    private BackgroundJobServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Start);
        return Task.CompletedTask;
    }

    private void Start()
    {
        var settings = options.Value;
        _server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = settings.Concurrency,
            SchedulePollingInterval = settings.PollInterval,
            FilterProvider = filters,
            Activator = activator,
            TimeZoneResolver = timeZones,
        }, storage);
        recurring.AddOrUpdate<WorkItemSweep>("work-item-sweep", sweep => sweep.RunAsync(CancellationToken.None), Every.Cron(settings.SweepInterval)!);
        using (var scope = scopes.CreateScope())
            foreach (var work in scope.ServiceProvider.GetServices<IRecurringWork>())
            {
                var id = work.Id;
                if (work.Interval is { } interval)
                    recurring.AddOrUpdate<RecurringWorkJob>(id, job => job.RunAsync(id, CancellationToken.None), Every.Cron(interval)!);
                else
                    recurring.RemoveIfExists(id);
                if (work.RunAtStart)
                    jobs.Enqueue<RecurringWorkJob>(job => job.RunAsync(id, CancellationToken.None));
            }
        jobs.Enqueue<WorkItemSweep>(sweep => sweep.HandOverAsync(TimeSpan.Zero, CancellationToken.None));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Every caller waits for the running work to be handed back; the last one out disposes, and a stop that comes
        // after that (a host stopped twice) has nothing to wait for.
        if (_server is not { } server) return;
        server.SendStop();
        await server.WaitForShutdownAsync(cancellationToken);
        if (Interlocked.Exchange(ref _server, null) is { } stopped) stopped.Dispose();
    }
}
