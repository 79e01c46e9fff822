using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Email;
using Storefront.Infrastructure;
using Storefront.Jobs;
using Storefront.Providers;
using static Storefront.Email.EmailLayout;

namespace Storefront.Features.Upstream;

/// <summary>
/// Reads the reseller's prepaid balance upstream (a recurring job, when the provider can tell). Orders held for want of
/// balance (<see cref="UpstreamBalance.AttentionReason"/>) are retried, oldest first, as far as the balance now
/// covers them: well before their automatic refund. When Store:ResellerBalanceAlertUsd is set, staff are alerted
/// once each time the balance falls below it: the marker setting stays while the balance is low, and goes once it is
/// topped up again.
/// </summary>
public sealed class ResellerBalanceCheck(StorefrontDbContext db, IEsimProvider provider, WorkQueue work, UpstreamBalance known,
    IOptions<StoreOptions> store, IOptions<JobOptions> jobs, TimeProvider clock, ILogger<ResellerBalanceCheck> logger) : IRecurringWork
{
    public const string AlertedSetting = "reseller-balance-alerted";

    public string Id => "reseller-balance";

    /// <summary>Off when the provider cannot tell its balance.</summary>
    public TimeSpan? Interval => provider is IResellerBalance ? jobs.Value.ResellerBalanceCheckInterval : null;

    public async Task RunAsync(CancellationToken ct)
    {
        if (provider is not IResellerBalance upstream) return;
        decimal balance;
        using (UpstreamPacer.Background()) balance = await upstream.GetResellerBalanceAsync(ct);
        known.Observed(balance);
        await RetryHeldOrdersAsync(balance, ct);
        if (store.Value.ResellerBalanceAlertUsd is { } threshold) await AlertAsync(balance, threshold, ct);
    }

    private async Task RetryHeldOrdersAsync(decimal balance, CancellationToken ct)
    {
        var held = await db.Orders.Include(o => o.Esims)
            .Where(o => o.Status == OrderStatus.NeedsAttention && o.AttentionReason == UpstreamBalance.AttentionReason)
            .OrderBy(o => o.PaidAt).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var retried = 0;
        foreach (var order in held)
        {
            var cost = order.Kind == OrderKind.TopUp ? order.Plan.CostUsd : order.Plan.CostUsd * order.Esims.Count;
            if (cost > balance) break;
            balance -= cost;
            order.Retry("the store, the reseller balance being back", now);
            await work.EnqueueAsync(WorkKinds.ProvisionOrder, order.Id, $"provision:{order.Id}:balance:{now.ToUnixTimeMilliseconds()}", ct: ct);
            retried++;
        }
        if (retried == 0) return;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node (or staff) moved one of these orders at the same moment; the next check sees where they stand.
            logger.LogInformation("Orders held for the reseller balance changed while being retried; leaving them to the next check");
            return;
        }
        logger.LogInformation("The reseller balance is back: retrying {Count} order(s) held for it", retried);
    }

    private async Task AlertAsync(decimal balance, decimal threshold, CancellationToken ct)
    {
        var alerted = await db.Settings.FindAsync([AlertedSetting], ct);
        var now = clock.GetUtcNow();
        if (balance < threshold && alerted is null)
        {
            var amount = balance.ToString(CultureInfo.InvariantCulture);
            db.Settings.Add(new StoreSetting { Key = AlertedSetting, Value = amount, UpdatedAt = now });
            await work.EnqueueAsync(WorkKinds.SendResellerBalanceEmail, null, $"email:reseller-balance:{now.ToUnixTimeSeconds()}", amount, ct);
            await db.SaveChangesAsync(ct);
            logger.LogWarning("The {Provider} reseller balance is {Balance} USD, below {Threshold} USD; staff alerted", provider.Name, balance, threshold);
        }
        else if (balance >= threshold && alerted is not null)
        {
            db.Settings.Remove(alerted);
            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>Tells staff the reseller balance upstream is low, before orders start failing for want of it.</summary>
public sealed class SendResellerBalanceEmailHandler(IEmailSender sender, IEsimProvider provider, IOptions<StoreOptions> store,
    IOptions<BrandOptions> brand) : IWorkHandler
{
    public string Kind => WorkKinds.SendResellerBalanceEmail;

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var balance = decimal.TryParse(item.Payload, CultureInfo.InvariantCulture, out var usd) ? Money.Format(usd, "USD") : "low";
        var threshold = store.Value.ResellerBalanceAlertUsd is { } alertAt ? $", below the alert threshold of {Money.Format(alertAt, "USD")}" : "";
        var staff = store.Value.StaffAlertEmail ?? brand.Value.SupportEmail;
        var html = $"""
            <h1 style="font-size:20px;margin:0 0 12px;">The {E(provider.Name)} balance is low</h1>
            <p>The reseller balance is <strong>{E(balance)}</strong>{E(threshold)}.</p>
            <p>Top it up with {E(provider.Name)}: orders it cannot pay for wait for it, in front of staff, and go through by themselves once it is back.</p>
            """;
        var text = $"The {provider.Name} reseller balance is {balance}{threshold}.\n"
                   + $"Top it up with {provider.Name}: orders it cannot pay for wait for it, in front of staff, and go through by themselves once it is back.\n";
        await sender.SendAsync(new EmailMessage(staff, "Store staff", $"[Action needed] {provider.Name} reseller balance is {balance}",
            Html(brand.Value, $"The {provider.Name} balance is {balance}.", html), text), ct);
    }
}
