using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Features.Upstream;
using Storefront.Jobs;
using Storefront.Tests.Support;

namespace Storefront.Tests.Jobs;

public sealed class ResellerBalanceCheckTests
{
    [Fact]
    public async Task Staff_are_alerted_once_each_time_the_reseller_balance_falls_below_the_threshold()
    {
        await using var store = await StoreFactory.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Store:ResellerBalanceAlertUsd"] = "55",
            ["Jobs:ResellerBalanceCheckInterval"] = "00:00:01",
        });
        using var http = store.CreateBrowserClient();

        await Task.Delay(1500);
        Assert.Empty(BalanceAlerts(store));

        await SetBalanceAsync(http, 40m);
        await store.WaitUntilAsync(_ => Task.FromResult(BalanceAlerts(store).Count == 1), "the staff alert");
        await Task.Delay(2500);
        await store.WaitForDueWorkAsync();
        var alert = Assert.Single(BalanceAlerts(store));
        Assert.Equal("staff@wanderlink.example", Assert.Single(alert.To.Mailboxes).Address);
        Assert.Contains("$40.00", alert.Subject);

        await SetBalanceAsync(http, 100m);
        await store.WaitUntilAsync(db => db.Settings.AllAsync(s => s.Key != ResellerBalanceCheck.AlertedSetting), "the balance to be seen topped up");
        await SetBalanceAsync(http, 30m);
        await store.WaitUntilAsync(_ => Task.FromResult(BalanceAlerts(store).Count == 2), "the alert for the second fall");
    }

    private static async Task SetBalanceAsync(HttpClient http, decimal usd) =>
        (await http.PostAsJsonAsync("/sandbox/citrus/__sim/account/balance", new Dictionary<string, decimal> { ["balance_usd"] = usd })).EnsureSuccessStatusCode();

    private static List<MimeKit.MimeMessage> BalanceAlerts(StoreFactory store) => !Directory.Exists(store.MailFolder)
        ? []
        : Directory.GetFiles(store.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.Subject?.Contains("reseller balance") == true).ToList();
}
