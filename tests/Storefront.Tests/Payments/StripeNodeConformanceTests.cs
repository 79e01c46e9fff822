using System.Diagnostics;
using System.Text.Json;

namespace Storefront.Tests.Payments;

/// <summary>
/// The official stripe-node library (tests/node, pinned to 23.1.0) run against the simulator. The
/// simulator is mounted at the root because stripe-node can change only host and port, not add a path prefix.
/// </summary>
public class StripeNodeConformanceTests
{
    [Fact]
    public async Task Official_node_library_accepts_the_simulator_and_its_webhook_signatures()
    {
        var folder = ConformanceFolder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "stripe")))
            await RunAsync("npm", "ci --no-audit --no-fund", folder, TimeSpan.FromMinutes(3));

        await using var sandbox = await StripeSandbox.StartAsync(prefix: "", receiverStatus: _ => 200);
        var session = await sandbox.CreateSessionAsync();
        await sandbox.PayAsync(session.Id);
        var completed = (await sandbox.Receiver!.WaitForAsync(d => d.Any(w => w.Event.Type == Stripe.EventTypes.CheckoutSessionCompleted)))
            .Single(w => w.Event.Type == Stripe.EventTypes.CheckoutSessionCompleted);
        var webhookFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(webhookFile, JsonSerializer.Serialize(new
        {
            body = Convert.ToBase64String(completed.Body),
            header = completed.Signature,
            secret = StripeSandbox.WebhookSecret,
        }));

        try
        {
            var output = await RunAsync("node", $"stripe-conformance.js {sandbox.Simulator.BaseAddress.Port} {webhookFile}", folder, TimeSpan.FromMinutes(1));
            Assert.Contains("all checks passed", output);
        }
        finally
        {
            File.Delete(webhookFile);
        }
    }

    private static string ConformanceFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "node");
            if (File.Exists(Path.Combine(candidate, "package.json")))
                return candidate;
        }
        throw new DirectoryNotFoundException("tests/node not found above " + AppContext.BaseDirectory);
    }

    private static async Task<string> RunAsync(string program, string arguments, string folder, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {arguments} did not finish within {timeout}:\n{await stdout}{await stderr}");
        }
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"{program} {arguments} exited with {process.ExitCode}:\n{output}");
        return output;
    }
}
