using System.Reflection;
using NetArchTest.Rules;
using Storefront.Domain;
using Storefront.Providers;
using Storefront.Sandbox;

namespace Storefront.Tests.Architecture;

/// <summary>
/// The layout of docs/decisions/0009: the production assemblies (Domain, Providers, Web) never reference the sandbox or
/// a simulator, the domain references no package, no provider folder reaches into another, and the top-level parts of
/// the web project depend on each other in one direction only. Checked on the compiled assemblies, method bodies
/// included (NetArchTest reads the IL).
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly DomainAssembly = typeof(Order).Assembly;
    private static readonly Assembly ProvidersAssembly = typeof(IEsimProvider).Assembly;
    private static readonly Assembly WebAssembly = typeof(Program).Assembly;
    private static readonly Assembly SandboxAssembly = typeof(SandboxProgram).Assembly;
    private static readonly Assembly[] Production = [DomainAssembly, ProvidersAssembly, WebAssembly];

    [Fact]
    public void Production_assemblies_do_not_reference_the_sandbox_or_any_simulator()
    {
        foreach (var assembly in Production)
            Assert.DoesNotContain(assembly.GetReferencedAssemblies(), r => r.Name == SandboxAssembly.GetName().Name);

        var leaks = Types.InAssemblies(Production).Should().NotHaveDependencyOn("Storefront.Sandbox").GetResult().FailingTypeNames;
        Assert.True(leaks is null || leaks.Count == 0, $"Production code that uses the sandbox: {string.Join(", ", leaks ?? [])}");
        var simulators = Types.InAssemblies(Production).GetTypes()
            .Where(t => t.Namespace is { } ns && (ns.StartsWith("Storefront.Sandbox") || ns.Contains("Simulat")) || t.Name.Contains("Simulator"))
            .Select(t => t.FullName).ToList();
        Assert.True(simulators.Count == 0, $"Simulator types in a production assembly: {string.Join(", ", simulators)}");
    }

    [Fact]
    public void The_domain_references_nothing_but_the_base_library()
    {
        var references = DomainAssembly.GetReferencedAssemblies().Select(r => r.Name!).ToList();

        Assert.All(references, name => Assert.True(name.StartsWith("System") || name == "netstandard", $"Storefront.Domain references {name}"));
    }

    [Fact]
    public void No_provider_folder_reaches_into_another()
    {
        var namespaces = ProvidersAssembly.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(ns => ns.Count(c => c == '.') == 2 && ns.StartsWith("Storefront.Providers.")).Distinct().ToList();
        Assert.Equal(ProviderModules.All.Count, namespaces.Count);

        foreach (var folder in namespaces)
        {
            var others = namespaces.Where(ns => ns != folder).ToArray();
            var result = Types.InAssembly(ProvidersAssembly).That().ResideInNamespace(folder).ShouldNot().HaveDependencyOnAny(others).GetResult();
            Assert.True(result.IsSuccessful, $"{folder} uses another provider's folder: {string.Join(", ", result.FailingTypeNames ?? [])}");
        }
    }

    /// <summary>The first level of namespaces under Storefront in the web project (Data, Email, Features, Jobs, …).</summary>
    private static readonly string[] WebParts = WebAssembly.GetTypes().Select(t => t.Namespace).OfType<string>()
        .Where(ns => ns.StartsWith("Storefront.")).Select(ns => string.Join('.', ns.Split('.').Take(2))).Distinct().Order().ToArray();

    [Fact]
    public void Top_level_parts_of_the_web_project_have_no_cycles()
    {
        var edges = WebParts.ToDictionary(part => part, part => WebParts.Where(other => other != part && Types.InAssembly(WebAssembly)
            .That().ResideInNamespace(part).ShouldNot().HaveDependencyOn(other).GetResult() is { IsSuccessful: false }).ToList());

        var cycles = new List<string>();
        foreach (var start in WebParts)
            FindCycles(start, [start], edges, cycles);

        Assert.True(cycles.Count == 0, $"Cycles between parts of Storefront.Web: {string.Join("; ", cycles.Distinct())}");
    }

    [Fact]
    public void Feature_slices_do_not_depend_on_each_other_except_through_the_shared_parts()
    {
        var slices = WebParts.Contains("Storefront.Features")
            ? WebAssembly.GetTypes().Select(t => t.Namespace).OfType<string>().Where(ns => ns.StartsWith("Storefront.Features."))
                .Select(ns => string.Join('.', ns.Split('.').Take(3))).Distinct().ToArray()
            : [];
        Assert.NotEmpty(slices);
        var edges = slices.ToDictionary(slice => slice, slice => slices.Where(other => other != slice && Types.InAssembly(WebAssembly)
            .That().ResideInNamespace(slice).ShouldNot().HaveDependencyOn(other).GetResult() is { IsSuccessful: false }).ToList());

        var cycles = new List<string>();
        foreach (var start in slices)
            FindCycles(start, [start], edges, cycles);

        Assert.True(cycles.Count == 0, $"Cycles between feature slices: {string.Join("; ", cycles.Distinct())}");
    }

    private static void FindCycles(string node, List<string> path, Dictionary<string, List<string>> edges, List<string> cycles)
    {
        foreach (var next in edges[node])
        {
            if (next == path[0]) cycles.Add(string.Join(" -> ", path.Append(next)));
            else if (!path.Contains(next) && string.CompareOrdinal(next, path[0]) > 0) FindCycles(next, [.. path, next], edges, cycles);
        }
    }
}
