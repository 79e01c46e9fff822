using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Email;
using Microsoft.Extensions.Options;
using Storefront.Features.Install;
using Storefront.Features.Upstream;
using Storefront.Infrastructure;
using Storefront.Jobs;
using Storefront.Providers;

namespace Storefront.Features.Provisioning;

/// <summary>
/// Provisions every eSIM of a paid order upstream: create it (Citrus provision / package order, which carries the
/// plan), fund it where the provider is a wallet (<see cref="IWalletFunding"/>: Citrus), read it, then queue the delivery email. Each chargeable call is recorded as requested before it is
/// sent; an attempt that finds a step "requested" asks the upstream what happened before calling again, so no order
/// is provisioned or funded twice.
/// </summary>
public sealed class ProvisionOrderHandler(
    StorefrontDbContext db,
    IEsimProvider provider,
    ActivationCodeProtector codes,
    WorkQueue work,
    UpstreamBalance balance,
    IOptions<StoreOptions> store,
    TimeProvider clock,
    ILogger<ProvisionOrderHandler> logger) : IWorkHandler
{
    public string Kind => WorkKinds.ProvisionOrder;

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Esims).ThenInclude(e => e.Packages)
            .SingleOrDefaultAsync(o => o.Id == item.OrderId, ct) ?? throw new PermanentFailureException("The order does not exist.");
        if (order.Status != OrderStatus.Paid) return;
        await EnsureBalanceCoversAsync(order, ct);

        if (order.Kind == OrderKind.TopUp)
            await TopUpAsync(order, ct);
        else
            foreach (var esim in order.Esims.Where(e => e.Step != ProvisionStep.Ready))
                await ProvisionAsync(order, esim, ct);

        var now = clock.GetUtcNow();
        // One delivery email per time the order becomes provisioned: a staff retry after a failed email sends it again.
        if (order.MarkProvisioned(now))
            await work.EnqueueAsync(WorkKinds.SendDeliveryEmail, order.Id, $"email:delivery:{order.Id}:{now.ToUnixTimeMilliseconds()}", ct: ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task ProvisionAsync(Order order, Esim esim, CancellationToken ct)
    {
        if (esim.Step is ProvisionStep.NotStarted or ProvisionStep.CreateRequested)
        {
            var request = new ProvisionRequest(esim.Reference, Label(order), order.Plan.UpstreamPackageId, order.TravelStartDate);
            UpstreamEsim? upstream = null;
            if (esim.Step == ProvisionStep.CreateRequested)
            {
                upstream = await LookUpAsync(() => provider.FindEsimAsync(request, ct), "an earlier eSIM order");
                if (upstream is not null)
                    order.Record(clock.GetUtcNow(), "upstream.found", $"Found eSIM {Iccids.Tail(upstream.Iccid)} from an earlier attempt; not ordering again.");
            }
            if (upstream is null)
            {
                esim.CreateRequested();
                order.Record(clock.GetUtcNow(), "upstream.create_requested", $"Ordering an eSIM from {provider.Name} (attempt {esim.CreateAttempts}, reference {esim.Reference}).");
                await db.SaveChangesAsync(ct);
                upstream = await SendChargeableAsync(() => provider.CreateEsimAsync(request, ct), esim.CreateRefused);
                order.Record(clock.GetUtcNow(), "upstream.created", $"eSIM {Iccids.Tail(upstream.Iccid)} created upstream.");
            }
            esim.Created(upstream.Iccid, upstream.UpstreamId, upstream.UpstreamOrderReference, codes.Protect(upstream.ActivationCode));
            await db.SaveChangesAsync(ct);
        }

        // A package provider's order carries the plan; a wallet provider's eSIM is created empty and funded now.
        if (provider is IWalletFunding wallet && order.Plan.FundAmountUsd is { } amount)
            await FundAsync(wallet, order, esim, amount, ct);
        var now = clock.GetUtcNow();
        esim.PlanAttached(new EsimPackage(esim.Id, PackageKind.Initial, order.Plan.Name, order.Plan.FundAmountUsd, order.Plan.DataGb,
            order.Plan.ValidityDays, order.Plan.UpstreamPackageId, now));
        await db.SaveChangesAsync(ct);

        try
        {
            esim.Apply(await provider.ReadEsimAsync(esim.Iccid!, ct));
        }
        catch (UpstreamException e)
        {
            // The eSIM is ready; its first reading can wait for the next usage refresh.
            logger.LogWarning("Could not read eSIM {IccidTail} after provisioning: {Error}", Iccids.Tail(esim.Iccid), e.Message);
        }
    }

    private async Task FundAsync(IWalletFunding wallet, Order order, Esim esim, decimal amount, CancellationToken ct)
    {
        var iccid = esim.Iccid!;
        if (esim.Step == ProvisionStep.AttachRequested
            && await LookUpAsync(() => wallet.IsFundedAsync(iccid, amount, ct), "an earlier funding"))
        {
            order.Record(clock.GetUtcNow(), "upstream.found", $"The wallet of eSIM {Iccids.Tail(iccid)} is already funded from an earlier attempt; not charging again.");
            return;
        }
        esim.AttachRequested();
        order.Record(clock.GetUtcNow(), "upstream.fund_requested", $"Funding eSIM {Iccids.Tail(iccid)} with ${amount:0.00} (attempt {esim.AttachAttempts}).");
        await db.SaveChangesAsync(ct);
        await SendChargeableAsync(async () => { await wallet.FundAsync(iccid, amount, ct); return true; }, esim.AttachRefused);
        order.Record(clock.GetUtcNow(), "upstream.funded", $"${amount:0.00} is on eSIM {Iccids.Tail(iccid)}.");
    }

    /// <summary>Adds the paid top-up to the eSIM it is for, with the same record-then-call, look-up-before-retry rule.</summary>
    private async Task TopUpAsync(Order order, CancellationToken ct)
    {
        var esim = await db.Esims.Include(e => e.Packages).SingleOrDefaultAsync(e => e.Id == order.TopUpEsimId, ct)
                   ?? throw new PermanentFailureException("The eSIM to top up does not exist.");
        if (order.TopUpStep == TopUpStep.Applied) return;
        if (provider is not ITopUps topUps)
            throw new PermanentFailureException($"{provider.Name} does not offer top-ups.");
        var request = new TopUpRequest(order.Number, order.Plan.UpstreamPackageId, order.Plan.FundAmountUsd);
        TopUpResult? result = null;
        if (order.TopUpStep == TopUpStep.Requested)
        {
            result = await LookUpAsync(() => topUps.FindTopUpAsync(esim.Iccid!, request, ct), "an earlier top-up");
            if (result is not null)
                order.Record(clock.GetUtcNow(), "upstream.found", $"The top-up is already on eSIM {Iccids.Tail(esim.Iccid)} from an earlier attempt; not charging again.");
        }
        if (result is null)
        {
            order.TopUpRequested();
            order.Record(clock.GetUtcNow(), "upstream.top_up_requested", $"Topping up eSIM {Iccids.Tail(esim.Iccid)} with {order.Plan.Name} (attempt {order.TopUpAttempts}).");
            await db.SaveChangesAsync(ct);
            await SendChargeableAsync(() => topUps.TopUpAsync(esim.Iccid!, request, ct), order.TopUpRefused);
            order.Record(clock.GetUtcNow(), "upstream.topped_up", $"Top-up is on eSIM {Iccids.Tail(esim.Iccid)}.");
        }
        var now = clock.GetUtcNow();
        order.TopUpApplied();
        esim.ToppedUp(new EsimPackage(esim.Id, PackageKind.TopUp, order.Plan.Name, order.Plan.FundAmountUsd, order.Plan.DataGb,
            order.Plan.ValidityDays, order.Plan.UpstreamPackageId, now));
        await db.SaveChangesAsync(ct);
        try
        {
            esim.Apply(await provider.ReadEsimAsync(esim.Iccid!, ct));
        }
        catch (UpstreamException e)
        {
            logger.LogWarning("Could not read eSIM {IccidTail} after the top-up: {Error}", Iccids.Tail(esim.Iccid), e.Message);
        }
    }

    /// <summary>
    /// An order nothing has been charged for yet starts only when the reseller balance upstream covers all of it: Citrus
    /// would take the provision fee and then refuse the fund, leaving an empty eSIM. The order then waits in front of
    /// staff, and <see cref="Upstream.ResellerBalanceCheck"/> retries it once the balance is back.
    /// </summary>
    private async Task EnsureBalanceCoversAsync(Order order, CancellationToken ct)
    {
        var notStarted = order.Kind == OrderKind.TopUp
            ? order.TopUpStep == TopUpStep.NotStarted
            : order.Esims.All(e => e.Step == ProvisionStep.NotStarted);
        if (!notStarted) return;
        var cost = order.Kind == OrderKind.TopUp ? order.Plan.CostUsd : order.Plan.CostUsd * order.Esims.Count;
        if (!await balance.CoversAsync(cost, ct))
            throw new UpstreamBalanceShortException(provider.Name,
                $"The reseller balance at {provider.Name} cannot pay the {cost:0.00} USD this order costs upstream; it was not started.");
        var firstTry = order.Kind == OrderKind.TopUp ? order.TopUpAttempts == 0 : order.Esims.All(e => e.CreateAttempts == 0);
        if (firstTry) balance.Spend(cost);
    }

    /// <summary>
    /// Sends a chargeable call already recorded as requested. When the answer proves nothing was done (a 429, a 4xx
    /// refusal, a connection that never opened) the step goes back, so the retry calls again instead of first listing
    /// the upstream's eSIMs: under a rate limit those look-ups would spend the budget the orders need.
    /// </summary>
    private async Task<T> SendChargeableAsync<T>(Func<Task<T>> call, Action refused)
    {
        try { return await call(); }
        catch (UpstreamException e) when (!e.OutcomeUnknown)
        {
            refused();
            await db.SaveChangesAsync(CancellationToken.None);
            if (!UpstreamBalance.IsShortOfBalance(e)) throw;
            balance.Forget();
            throw new UpstreamBalanceShortException(provider.Name, e.Message, e);
        }
    }

    /// <summary>A lookup the provider cannot do means nobody can tell whether the earlier call charged: ask a person.</summary>
    private async Task<T> LookUpAsync<T>(Func<Task<T>> lookUp, string what)
    {
        try { return await lookUp(); }
        catch (NotSupportedByProviderException)
        {
            throw new PermanentFailureException($"The outcome of {what} is unknown and {provider.Name} offers no way to look it up; check upstream before retrying.");
        }
    }

    public async Task OnGiveUpAsync(WorkItem item, Exception error, CancellationToken ct)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == item.OrderId, ct);
        if (order is null) return;
        var reason = error is UpstreamBalanceShortException ? UpstreamBalance.AttentionReason : $"Provisioning failed: {error.Message}";
        if (order.MarkNeedsAttention(reason, clock.GetUtcNow()))
        {
            var attempt = order.UpdatedAt.ToUnixTimeMilliseconds();
            await work.EnqueueAsync(WorkKinds.SendAttentionEmails, order.Id, $"email:attention:{order.Id}:{attempt}", ct: ct);
            if (store.Value.AutoRefundAfter is { } wait)
                await work.EnqueueAsync(WorkKinds.RefundUndeliverable, order.Id, $"refund:{order.Id}:{attempt}", ct: ct, delay: wait);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>What the reseller sees upstream (Citrus takes up to 100 characters).</summary>
    private static string Label(Order order)
    {
        var label = $"{order.CustomerName} - {order.Plan.Name}";
        return label.Length > 100 ? label[..100] : label;
    }
}
