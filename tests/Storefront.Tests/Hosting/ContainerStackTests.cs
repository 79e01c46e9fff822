using System.Diagnostics;
using Storefront.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Storefront.Tests.Hosting;

/// <summary>
/// docker-compose.yml and the Dockerfile cannot be run on machines without a Docker engine; these tests check what can
/// be checked without one: the compose file's shape, and (where the docker-compose client is installed) its validation.
/// </summary>
public sealed class ContainerStackTests
{
    private static readonly string Root = TestEnvironment.RepositoryRoot;

    /// <summary>The services, with YAML merge keys (the shared store settings) resolved as compose resolves them.</summary>
    private static Dictionary<object, object> Services()
    {
        using var reader = File.OpenText(Path.Combine(Root, "docker-compose.yml"));
        var file = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
        return (Dictionary<object, object>)file["services"];
    }

    private static Dictionary<object, object> Service(string name) => (Dictionary<object, object>)Services()[name];

    private static string Environment(string service, string key) => (string)((Dictionary<object, object>)Service(service)["environment"])[key];

    private static object Lookup(string service, params string[] keys) =>
        keys.Aggregate((object)Service(service), (node, key) => ((Dictionary<object, object>)node)[key]);

    [Fact]
    public void The_default_stack_is_the_store_on_sql_server_with_maildev()
    {
        var names = Services().Keys.Cast<string>().ToList();
        Assert.Contains("store", names);
        Assert.Contains("maildev", names);
        Assert.StartsWith("mcr.microsoft.com/mssql/server", (string)Service("sqlserver")["image"]);
        Assert.Equal("sqlserver", Environment("store", "Database__Provider"));
        Assert.Contains("Server=sqlserver", Environment("store", "ConnectionStrings__Storefront"));
        Assert.Equal("maildev", Environment("store", "Smtp__Host"));
        Assert.Equal("service_healthy", Lookup("store", "depends_on", "sqlserver", "condition"));
    }

    [Fact]
    public void The_postgres_variant_is_a_profile_of_its_own()
    {
        Assert.Equal("postgres", Environment("store-postgres", "Database__Provider"));
        foreach (var service in new[] { "store-postgres", "postgres" })
            Assert.Equal("postgres", ((List<object>)Service(service)["profiles"]).Single());
        Assert.False(Service("store").ContainsKey("profiles"));
    }

    [Fact]
    public void The_compose_file_holds_no_secret_values()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));
        Assert.Contains("${MSSQL_SA_PASSWORD:?", text);
        Assert.DoesNotContain("sk_live_", text);
        Assert.DoesNotContain("sk_test_", text);
        Assert.Contains(".env", File.ReadAllLines(Path.Combine(Root, ".gitignore")));
    }

    [Fact]
    public void The_image_is_built_in_stages_and_runs_as_a_non_root_user()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "Dockerfile")).Select(l => l.Trim()).ToList();
        Assert.True(lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)) >= 2, "multi-stage build");
        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));
        var user = lines.Last(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.NotEqual("USER root", user);
        Assert.True(lines.IndexOf(user) > lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal)), "USER is set in the final stage");
    }

    [DockerComposeFact]
    public async Task Docker_compose_accepts_the_file_for_both_variants()
    {
        foreach (var args in new[] { "config -q", "--profile postgres config -q" })
        {
            var start = new ProcessStartInfo("docker-compose", args) { WorkingDirectory = Root, RedirectStandardError = true, RedirectStandardOutput = true };
            start.Environment["MSSQL_SA_PASSWORD"] = "placeholder";
            start.Environment["POSTGRES_PASSWORD"] = "placeholder";
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"docker-compose {args}: {errors}");
        }
    }
}

/// <summary>Runs where the docker-compose client is installed (it validates without an engine); skipped, by name, elsewhere.</summary>
public sealed class DockerComposeFactAttribute : FactAttribute
{
    public DockerComposeFactAttribute()
    {
        var found = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Any(dir => File.Exists(Path.Combine(dir, "docker-compose")));
        if (!found) Skip = "the docker-compose client is not installed (apt-get install docker-compose)";
    }
}
