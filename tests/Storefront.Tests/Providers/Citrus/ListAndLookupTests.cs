using Storefront.Providers;
using Storefront.Providers.Citrus;

namespace Storefront.Tests.Providers.Citrus;

public class ListAndLookupTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task List_pages_newest_first_and_reports_the_total()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        for (var i = 1; i <= 5; i++) await sandbox.Client.ProvisionAsync($"order-{i}", null, None);

        var first = await sandbox.Client.ListEsimsAsync(null, limit: 2, offset: 0, None);
        var last = await sandbox.Client.ListEsimsAsync(null, limit: 2, offset: 4, None);

        Assert.Equal(5, first.Total);
        Assert.Equal(["order-5", "order-4"], first.Esims.Select(e => e.EndUserReference));
        Assert.Equal(["order-1"], last.Esims.Select(e => e.EndUserReference));
    }

    [Fact]
    public async Task List_all_pages_through_more_than_one_page_of_two_hundred()
    {
        await using var sandbox = await CitrusSandbox.StartAsync(o => { o.StartingBalanceUsd = 1000m; o.RateLimitPerMinute = 1000; });
        for (var i = 0; i < 205; i++) await sandbox.Client.ProvisionAsync($"bulk-{i}", null, None);

        var all = await sandbox.Client.ListAllEsimsAsync(null, None).ToListAsync();

        Assert.Equal(205, all.Select(e => e.Iccid).Distinct().Count());
    }

    [Fact]
    public async Task List_filters_by_status()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var active = await sandbox.Client.ProvisionAsync("a", null, None);
        await sandbox.Client.ProvisionAsync("b", null, None);
        await sandbox.SimAsync($"esim/{active.Iccid}/activate");

        var page = await sandbox.Client.ListEsimsAsync(CitrusEsimStatus.Active, null, null, None);

        Assert.Equal([active.Iccid], page.Esims.Select(e => e.Iccid));
    }

    [Fact]
    public async Task Find_returns_the_esim_provisioned_for_the_order_reference()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        await sandbox.Client.ProvisionAsync("ORD-1", null, None);
        var mine = await sandbox.Client.ProvisionAsync("ORD-2", null, None);
        await sandbox.Client.ProvisionAsync("ORD-3", null, None);

        var found = await sandbox.Provider.FindEsimAsync(Request("ORD-2"), None);

        Assert.Equal(mine.Iccid, found?.Iccid);
        Assert.Equal(mine.LpaString, found?.ActivationCode);
    }

    [Fact]
    public async Task Find_returns_null_when_nothing_was_provisioned_for_the_order()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        await sandbox.Client.ProvisionAsync("ORD-1", null, None);

        Assert.Null(await sandbox.Provider.FindEsimAsync(Request("ORD-9"), None));
    }

    [Fact]
    public async Task Find_ignores_a_terminated_esim_of_the_same_order()
    {
        await using var sandbox = await CitrusSandbox.StartAsync();
        var old = await sandbox.Client.ProvisionAsync("ORD-1", null, None);
        await sandbox.Client.TerminateAsync(old.Iccid, None);

        Assert.Null(await sandbox.Provider.FindEsimAsync(Request("ORD-1"), None));
    }

    private static ProvisionRequest Request(string reference) => new(reference, "label", null);
}
