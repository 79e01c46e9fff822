using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Storefront.Data;
using Storefront.Domain;

namespace Storefront.Tests.Support;

public enum TestDatabase { Sqlite, Postgres }

public enum TestMail { PickupFolder, Maildev }

/// <summary>
/// The whole store on a real Kestrel port (the sandbox adapters call the in-process simulators over HTTP, so they need
/// one), with its own SQLite file or PostgreSQL database, its own mail folder, and fast retry settings.
/// </summary>
public sealed class StoreFactory : WebApplicationFactory<Storefront.Sandbox.SandboxProgram>
{
    private readonly TestDatabase _database;
    private readonly TestMail _mail;
    private readonly Dictionary<string, string?> _settings;
    private readonly string _directory = Directory.CreateTempSubdirectory("storefront-test-").FullName;
    private string? _postgresDatabase;
    private string _environment = "Testing";
    private Action<IServiceCollection> _services = _ => { };

    /// <summary>Every log line the store wrote, as rendered text.</summary>
    public LogCapture Logs { get; } = new();

    public StoreFactory(TestDatabase database = TestDatabase.Sqlite, TestMail mail = TestMail.PickupFolder,
        IDictionary<string, string?>? settings = null)
    {
        _database = database;
        _mail = mail;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        UseKestrel(0);
    }

    public string MailFolder => Path.Combine(_directory, "mail");

    /// <summary>The secret the store verifies Stripe webhooks with (the sandbox's, unless a test configures another).</summary>
    public string StripeWebhookSecret => Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Storefront.Payments.StripeOptions>>().Value.WebhookSecret;

    public Uri ServerAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");

    /// <summary>Starts the server and waits until the first catalogue sync has put plans on sale.</summary>
    public static async Task<StoreFactory> StartAsync(TestDatabase database = TestDatabase.Sqlite, TestMail mail = TestMail.PickupFolder,
        IDictionary<string, string?>? settings = null)
    {
        var factory = new StoreFactory(database, mail, settings);
        factory.StartServer();
        await factory.WaitUntilAsync(db => db.Plans.AnyAsync(p => p.IsActive), "the catalogue to be synced");
        return factory;
    }

    public StoreFactory InEnvironment(string environment)
    {
        _environment = environment;
        return this;
    }

    /// <summary>Adds or replaces services of the store under test (e.g. a test sign-in).</summary>
    public StoreFactory WithServices(Action<IServiceCollection> configure)
    {
        _services += configure;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs));
        builder.ConfigureServices(_services);
        builder.UseContentRoot(TestEnvironment.RepositoryRoot);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = _database == TestDatabase.Postgres ? "postgres" : "sqlite",
            ["ConnectionStrings:Storefront"] = _database == TestDatabase.Postgres ? CreatePostgresDatabase() : $"Data Source={Path.Combine(_directory, "storefront.db")}",
            ["Smtp:PickupDirectory"] = MailFolder,
            ["Jobs:PollInterval"] = "00:00:00.200",
            ["Jobs:RetryBaseDelay"] = "00:00:00.200",
            ["Jobs:MaxAttempts"] = "4",
            ["Sandbox:Stripe:WebhookRetrySchedule:0"] = "00:00:00.500",
            ["Sandbox:Stripe:WebhookRetrySchedule:1"] = "00:00:01",
            ["Sandbox:Stripe:WebhookRetrySchedule:2"] = "00:00:02",
            // Every test client is 127.0.0.1, and some send many orders; the rate-limit tests set their own limits.
            ["RateLimits:Checkout:PermitLimit"] = "100000",
            ["RateLimits:FindOrder:PermitLimit"] = "100000",
            ["RateLimits:AdminSignIn:PermitLimit"] = "100000",
            ["Logging:Format"] = "text",
            // Serilog's level is also what LogCapture sees (it receives Serilog's events), so it stays at Information.
            ["Serilog:MinimumLevel"] = "Information",
        };
        if (_mail == TestMail.Maildev)
        {
            settings["Smtp:Host"] = "127.0.0.1";
            settings["Smtp:Port"] = TestEnvironment.MaildevSmtpPort.ToString();
            settings["Smtp:EnableSsl"] = "false";
            settings["Sandbox:Mail"] = "false";
        }
        foreach (var (key, value) in _settings) settings[key] = value;
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    private string CreatePostgresDatabase()
    {
        _postgresDatabase = "sf_" + Guid.NewGuid().ToString("N")[..16];
        using var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString + ";Database=postgres");
        admin.Open();
        using (var create = new NpgsqlCommand($"CREATE DATABASE \"{_postgresDatabase}\"", admin)) create.ExecuteNonQuery();
        return TestEnvironment.PostgresConnectionString + $";Database={_postgresDatabase}";
    }

    /// <summary>A client that keeps cookies and does not follow redirects, like a careful browser.</summary>
    public HttpClient CreateBrowserClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = ServerAddress,
        };

    public async Task<T> WithDbAsync<T>(Func<StorefrontDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<StorefrontDbContext>());
    }

    public Task<Order> OrderAsync(string number) =>
        WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Esims).ThenInclude(e => e.Packages).Include(o => o.Events)
            .SingleAsync(o => o.Number == number));

    /// <summary>Polls the database until <paramref name="condition"/> holds (work runs in the background).</summary>
    public async Task WaitUntilAsync(Func<StorefrontDbContext, Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await WithDbAsync(condition)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    public async Task<Order> WaitForOrderAsync(string number, OrderStatus status, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(db => db.Orders.AnyAsync(o => o.Number == number && o.Status == status), $"order {number} to be {status}", timeout);
        return await OrderAsync(number);
    }

    /// <summary>Waits until every work item that is due has run (work runs in the background, on Hangfire).</summary>
    public Task WaitForDueWorkAsync() => WaitUntilAsync(db =>
    {
        var now = DateTimeOffset.UtcNow;
        return db.WorkItems.AllAsync(w => w.Status == WorkItemStatus.Succeeded || w.Status == WorkItemStatus.Failed
                                          || (w.Status == WorkItemStatus.Pending && w.NextRunAt > now));
    }, "the due work items to run");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString + ";Database=postgres");
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
