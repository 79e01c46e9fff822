using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Payments;
using Storefront.Providers.Citrus;
using Storefront.Sandbox;
using Storefront.Tests.Support;

namespace Storefront.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public async Task Health_endpoints_answer_when_the_database_is_migrated()
    {
        await using var store = await StoreFactory.StartAsync();
        using var http = store.CreateBrowserClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        var ready = await http.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Sandbox_refuses_to_start_in_production_and_names_the_missing_settings()
    {
        using var store = new StoreFactory().InEnvironment("Production");
        var error = Assert.ThrowsAny<Exception>(() => store.StartServer());
        var message = error.ToString();
        Assert.Contains("The sandbox cannot run in the Production environment", message);
        Assert.Contains("Stripe:SecretKey", message);
        Assert.Contains("Citrus:ApiKey", message);
        Assert.Contains("Smtp:Host", message);
    }

    [Theory]
    [InlineData("Provider:Name", "acme", "Provider:Name must be one of")]
    [InlineData("Pricing:Markup", "0.5", "Pricing:Markup must be between")]
    [InlineData("Pricing:Rounding", "banker", "Pricing:Rounding must be")]
    [InlineData("Database:Provider", "oracle", "Database:Provider must be sqlite, postgres or sqlserver")]
    [InlineData("Brand:SupportEmail", "not-an-email", "Brand:SupportEmail must be an email address")]
    public void Invalid_configuration_stops_the_store_with_a_message_naming_the_setting(string key, string value, string expected)
    {
        using var store = new StoreFactory(settings: new Dictionary<string, string?> { [key] = value });
        var error = Assert.ThrowsAny<Exception>(() => store.StartServer());
        Assert.Contains(expected, error.ToString());
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlserver")]
    public void Server_database_without_a_connection_string_stops_the_store_naming_the_setting(string provider)
    {
        using var store = new StoreFactory(settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Storefront"] = "",
        });
        var error = Assert.ThrowsAny<Exception>(() => store.StartServer());
        Assert.Contains($"ConnectionStrings:Storefront is required when Database:Provider is {provider}", error.ToString());
    }

    [Fact]
    public void Database_made_by_the_old_hand_written_migrations_stops_the_store_with_what_to_do()
    {
        var file = Path.Combine(Path.GetTempPath(), $"hand-migrated-{Guid.NewGuid():N}.db");
        try
        {
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = """
                    CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT NOT NULL PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
                    INSERT INTO "__EFMigrationsHistory" VALUES ('20261122060000_InitialSchema', '10.0.14');
                    CREATE TABLE "Orders" ("Id" TEXT NOT NULL PRIMARY KEY);
                    """;
                command.ExecuteNonQuery();
            }
            using var store = new StoreFactory(settings: new Dictionary<string, string?> { ["ConnectionStrings:Storefront"] = $"Data Source={file}" });
            var error = Assert.ThrowsAny<Exception>(() => store.StartServer()).ToString();
            Assert.Contains("was migrated by another build of the store (migrations unknown here: 20261122060000_InitialSchema)", error);
            Assert.Contains("delete the sandbox database", error);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Logs_never_contain_activation_codes_order_tokens_or_secrets()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var number = await shopper.BuyAsync("JP", 3);
        var order = await store.OrderAsync(number);
        await shopper.GetPageAsync($"/orders/{order.AccessToken}");
        var upstream = Assert.Single(await new CitrusUpstream(store).EsimsForAsync(number));

        var secrets = new[]
        {
            upstream.LpaString!, upstream.LpaString!.Split('$')[2], order.AccessToken,
            store.Services.GetRequiredService<IOptions<CitrusOptions>>().Value.ApiKey,
            store.Services.GetRequiredService<IOptions<StripeOptions>>().Value.SecretKey,
            store.StripeWebhookSecret,
        };
        Assert.NotEmpty(store.Logs.Lines);
        Assert.Contains(store.Logs.Lines, l => l.Contains(number));
        foreach (var secret in secrets)
        {
            var leak = store.Logs.Lines.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"A log line reveals a secret: {leak}");
        }
        Assert.Contains(store.Logs.Lines, l => l.Contains("HTTP GET /orders/{token:length(43)} responded 200"));
    }
}
