using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Email;
using Storefront.Features.Install;
using Storefront.Infrastructure;
using Storefront.Jobs;

namespace Storefront.Features.Delivery;

/// <summary>
/// Emails the QR code and install details, then marks the order delivered. When the email cannot be sent for good
/// (the relay refuses the address, or mail is down longer than the retries) the order goes to "needs attention" with
/// the reason, staff are alerted, the order page keeps showing the install details, and a staff retry sends it again.
/// </summary>
public sealed class SendDeliveryEmailHandler(
    StorefrontDbContext db,
    OrderEmails emails,
    IEmailSender sender,
    ActivationCodeProtector codes,
    WorkQueue work,
    TimeProvider clock) : IWorkHandler
{
    public string Kind => WorkKinds.SendDeliveryEmail;

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Esims).SingleOrDefaultAsync(o => o.Id == item.OrderId, ct)
                    ?? throw new PermanentFailureException("The order does not exist.");
        if (order.Status != OrderStatus.Provisioned) return;

        if (order.Kind == OrderKind.TopUp)
        {
            var original = await db.Orders.AsNoTracking().SingleAsync(o => o.Esims.Any(e => e.Id == order.TopUpEsimId), ct);
            await sender.SendAsync(emails.TopUpDelivered(order, original), ct);
            order.MarkDelivered(clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        var details = order.Esims.Select(e => codes.Details(e.ActivationCodeProtected)
                                              ?? throw new PermanentFailureException("An eSIM has no activation code.")).ToList();
        await sender.SendAsync(emails.Delivery(order, details), ct);
        order.MarkDelivered(clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
    }

    public async Task OnGiveUpAsync(WorkItem item, Exception error, CancellationToken ct)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == item.OrderId, ct);
        if (order is null) return;
        if (!order.MarkNeedsAttention(EmailFailure.Reason("The eSIM is ready but the email to the customer could not be sent", error), clock.GetUtcNow()))
            return;
        await work.EnqueueAsync(WorkKinds.SendAttentionEmails, order.Id, $"email:attention:{order.Id}:{order.UpdatedAt.ToUnixTimeMilliseconds()}", ct: ct);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>What staff read about an email that could not be sent (the sender's messages never name the address).</summary>
internal static class EmailFailure
{
    public static string Reason(string what, Exception error)
    {
        var reason = $"{what}: {error.Message}";
        return reason.Length > 1000 ? reason[..1000] : reason;
    }
}

/// <summary>When an order needs a person: tells the customer it is in hand and alerts staff.</summary>
public sealed class SendAttentionEmailsHandler(
    StorefrontDbContext db,
    OrderEmails emails,
    IEmailSender sender,
    IOptions<StoreOptions> store,
    IOptions<BrandOptions> brand,
    TimeProvider clock) : IWorkHandler
{
    public string Kind => WorkKinds.SendAttentionEmails;

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Esims).SingleOrDefaultAsync(o => o.Id == item.OrderId, ct)
                    ?? throw new PermanentFailureException("The order does not exist.");
        if (order.Status != OrderStatus.NeedsAttention) return;

        var staff = store.Value.StaffAlertEmail ?? brand.Value.SupportEmail;
        await sender.SendAsync(emails.StaffAlert(order, staff), ct);
        // An order whose eSIM is ready needs attention because its email failed: a "still preparing" email would be
        // untrue, and would most likely fail the same way.
        if (order.IsProvisionedUpstream)
        {
            order.Record(clock.GetUtcNow(), "email.attention", $"Staff alerted at {staff}.");
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }
        await sender.SendAsync(emails.Delayed(order), ct);
        order.Record(clock.GetUtcNow(), "email.attention", $"Staff alerted at {staff}; customer told the eSIM is delayed.");
        await db.SaveChangesAsync(CancellationToken.None);
    }
}

/// <summary>Tells the customer their eSIM is running low (or used up), with the link to top it up.</summary>
public sealed class SendLowBalanceEmailHandler(StorefrontDbContext db, OrderEmails emails, IEmailSender sender, TimeProvider clock) : IWorkHandler
{
    public string Kind => WorkKinds.SendLowBalanceEmail;

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Esims).ThenInclude(e => e.Packages).SingleOrDefaultAsync(o => o.Id == item.OrderId, ct)
                    ?? throw new PermanentFailureException("The order does not exist.");
        var esim = order.Esims.SingleOrDefault(e => e.Id.ToString() == item.Payload) ?? throw new PermanentFailureException("The eSIM does not exist.");
        if (!esim.IsRunningLow) return;
        await sender.SendAsync(emails.RunningLow(order, esim), ct);
        order.Record(clock.GetUtcNow(), "email.low_balance", $"Told {order.CustomerEmail} that eSIM {Iccids.Tail(esim.Iccid)} is running low.");
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
