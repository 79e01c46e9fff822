using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Sandbox.Citrus;
using Storefront.Sandbox.PressOne;
using Storefront.Sandbox.Simulation;

namespace Storefront.Tests.Providers.Simulation;

public class FaultInjectorTests
{
    [Fact]
    public void Faults_latency_error_rate_and_hang_come_from_each_simulators_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Citrus:Faults:0:Path"] = "esim/{iccid}/fund",
            ["Sandbox:Citrus:Faults:0:Kind"] = "hang",
            ["Sandbox:Citrus:Faults:0:Count"] = "2",
            ["Sandbox:Citrus:LatencyMs"] = "7",
            ["Sandbox:Citrus:ErrorRate"] = "0.25",
            ["Sandbox:Citrus:HangFor"] = "00:00:03",
            ["Sandbox:PressOne:LatencyMs"] = "9",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddCitrusSimulator();
        services.AddPressOneSimulator();
        using var provider = services.BuildServiceProvider();

        var citrus = provider.GetRequiredService<CitrusSimulatorState>().Faults;
        var pressOne = provider.GetRequiredService<PressOneSimulatorState>().Faults;

        var rule = Assert.Single(citrus.Snapshot());
        Assert.Equal(("esim/{iccid}/fund", FaultKinds.Hang, 2), (rule.Path, rule.Kind, rule.Count!.Value));
        Assert.Equal((7, 0.25, TimeSpan.FromSeconds(3)), (citrus.LatencyMs, citrus.ErrorRate, citrus.HangFor));
        Assert.Equal((9, 0d), (pressOne.LatencyMs, pressOne.ErrorRate));
        Assert.Empty(pressOne.Snapshot());
    }

    [Fact]
    public void Latency_rules_add_up_and_the_first_matching_fault_still_applies()
    {
        var faults = Injector(
            new FaultRule { Path = "esim/*/fund", Kind = FaultKinds.Latency, LatencyMs = 100 },
            new FaultRule { Path = "esim/{iccid}/fund", Method = "POST", Kind = FaultKinds.Latency, LatencyMs = 20 },
            new FaultRule { Path = "esim/{iccid}/fund", Kind = FaultKinds.LostResponse },
            new FaultRule { Path = "*", Kind = FaultKinds.Error });

        var (latency, fault) = faults.Next("POST", "esim/8910/fund");

        Assert.Equal((120, FaultKinds.LostResponse), (latency, fault!.Kind));
    }

    [Fact]
    public void A_counted_rule_is_used_up_and_a_reset_brings_back_the_configured_rules()
    {
        var faults = Injector(new FaultRule { Path = "balance", Kind = FaultKinds.Error, Status = 502, Count = 2 });
        faults.Add(new FaultRule { Path = "orders", Kind = FaultKinds.Hang });

        var answers = Enumerable.Range(0, 3).Select(_ => faults.Next("GET", "balance").Fault?.Status).ToList();
        var afterUse = faults.Snapshot().Select(f => f.Path).ToList();
        faults.Reset();

        Assert.Equal([502, 502, null], answers);
        Assert.Equal(["orders"], afterUse);
        Assert.Equal(["balance"], faults.Snapshot().Select(f => f.Path));
    }

    private static FaultInjector Injector(params FaultRule[] configured) =>
        new(new CitrusSimulatorOptions { Faults = [.. configured] }, seed: 1);
}
