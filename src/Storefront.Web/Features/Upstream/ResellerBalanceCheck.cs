using System.Globalization;
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
/// Reads the reseller's prepaid balance upstream (a recurring job, when Store:ResellerBalanceAlertUsd is set and the
/// provider can tell) and alerts staff once each time it falls below that threshold: the marker setting stays while
/// the balance is low, and goes once it is topped up again.
/// </summary>
public sealed class ResellerBalanceCheck(StorefrontDbContext db, IEsimProvider provider, WorkQueue work, IOptions<StoreOptions> store,
    IOptions<JobOptions> jobs, TimeProvider clock, ILogger<ResellerBalanceCheck> logger) : IRecurringWork
{
    public const string AlertedSetting = "reseller-balance-alerted";

    public string Id => "reseller-balance";

    /// <summary>Off unless Store:ResellerBalanceAlertUsd is set.</summary>
    public TimeSpan? Interval => store.Value.ResellerBalanceAlertUsd is null ? null : jobs.Value.ResellerBalanceCheckInterval;

    public async Task RunAsync(CancellationToken ct)
    {
        if (store.Value.ResellerBalanceAlertUsd is not { } threshold || provider is not IResellerBalance upstream) return;
        var balance = await upstream.GetResellerBalanceAsync(ct);
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
        var balance = Money.Format(decimal.Parse(item.Payload ?? "0", CultureInfo.InvariantCulture), "USD");
        var threshold = Money.Format(store.Value.ResellerBalanceAlertUsd ?? 0, "USD");
        var staff = store.Value.StaffAlertEmail ?? brand.Value.SupportEmail;
        var html = $"""
            <h1 style="font-size:20px;margin:0 0 12px;">The {E(provider.Name)} balance is low</h1>
            <p>The reseller balance is <strong>{E(balance)}</strong>, below the alert threshold of {E(threshold)}.</p>
            <p>Top it up with {E(provider.Name)}: orders that cannot be paid for upstream wait for staff.</p>
            """;
        var text = $"The {provider.Name} reseller balance is {balance}, below the alert threshold of {threshold}.\n"
                   + $"Top it up with {provider.Name}: orders that cannot be paid for upstream wait for staff.\n";
        await sender.SendAsync(new EmailMessage(staff, "Store staff", $"[Action needed] {provider.Name} reseller balance is {balance}",
            Html(brand.Value, $"The {provider.Name} balance is {balance}.", html), text), ct);
    }
}
