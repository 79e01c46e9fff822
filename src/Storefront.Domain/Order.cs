namespace Storefront.Domain;

/// <summary>
/// One purchase. Status changes only through the Mark* methods, each of which checks where the order stands, so a
/// late or duplicate event cannot move it backwards. Each method returns false when the order is already past that
/// step (the caller treats that as "nothing to do").
/// </summary>
public sealed class Order
{
    private readonly List<Esim> _esims = [];
    private readonly List<OrderEvent> _events = [];

    private Order() { }

    public Guid Id { get; private set; }
    /// <summary>Human-friendly reference shown to customers and staff, e.g. SF-7K3M9Q.</summary>
    public string Number { get; private set; } = "";
    /// <summary>Unguessable bearer token for the customer's order page (256 bits, base64url). Never the id.</summary>
    public string AccessToken { get; private set; } = "";
    public string CustomerEmail { get; private set; } = "";
    public string CustomerName { get; private set; } = "";
    public OrderStatus Status { get; private set; }
    public PlanSnapshot Plan { get; private set; } = null!;
    public string? CheckoutSessionId { get; private set; }
    public int CheckoutAttempts { get; private set; }
    public string? PaymentIntentId { get; private set; }
    public decimal? AmountPaid { get; private set; }
    public string? AttentionReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    /// <summary>Optimistic concurrency token: two writers of the same order cannot both win.</summary>
    public Guid Version { get; private set; }
    public OrderKind Kind { get; private set; }
    /// <summary>A top-up order: the eSIM (of an earlier order) the top-up goes onto.</summary>
    public Guid? TopUpEsimId { get; private set; }
    /// <summary>A top-up order: how far its chargeable upstream call has come.</summary>
    public TopUpStep TopUpStep { get; private set; }
    /// <summary>For plans that start on a chosen date: the first day of the trip, as the traveller entered it.</summary>
    public DateOnly? TravelStartDate { get; private set; }
    public int TopUpAttempts { get; private set; }

    public IReadOnlyList<Esim> Esims => _esims;

    /// <summary>Everything the customer paid for exists upstream (load <see cref="Esims"/> first): what is left is telling them.</summary>
    public bool IsProvisionedUpstream => Kind == OrderKind.TopUp
        ? TopUpStep == TopUpStep.Applied
        : _esims.Count > 0 && _esims.All(e => e.Step == ProvisionStep.Ready);
    public IReadOnlyList<OrderEvent> Events => _events;

    /// <summary>A top-up of an eSIM the customer already has; paid and delivered like any order.</summary>
    public static Order CreateTopUp(Order original, Esim esim, PlanSnapshot topUp, DateTimeOffset now)
    {
        var order = Create(original.CustomerEmail, original.CustomerName, topUp, now);
        order.Kind = OrderKind.TopUp;
        order.TopUpEsimId = esim.Id;
        order.Record(now, "order.top_up", $"Top-up of eSIM …{esim.Iccid?[^4..]} from order {original.Number}.");
        return order;
    }

    public static Order Create(string email, string name, PlanSnapshot plan, DateTimeOffset now, DateOnly? travelStartDate = null)
    {
        var order = new Order
        {
            TravelStartDate = travelStartDate,
            Id = Guid.NewGuid(),
            Number = OrderReferences.NewNumber(),
            AccessToken = OrderReferences.NewAccessToken(),
            CustomerEmail = email,
            CustomerName = name,
            Status = OrderStatus.AwaitingPayment,
            Plan = plan,
            CreatedAt = now,
            UpdatedAt = now,
            Version = Guid.NewGuid(),
        };
        order.Record(now, "order.created", $"Order created for {plan.Name} at {plan.RetailPrice}.");
        return order;
    }

    /// <summary>A new Checkout Session was opened for this order; returns the attempt number for its idempotency key.</summary>
    public int BeginCheckoutAttempt(DateTimeOffset now)
    {
        if (Status != OrderStatus.AwaitingPayment)
            throw new InvalidOperationException($"Order {Number} is {Status}; it cannot be paid again.");
        CheckoutAttempts++;
        Touch(now);
        return CheckoutAttempts;
    }

    public void AttachCheckoutSession(string sessionId, DateTimeOffset now)
    {
        CheckoutSessionId = sessionId;
        Record(now, "payment.session_created", $"Stripe Checkout Session {sessionId} created (attempt {CheckoutAttempts}).");
    }

    public bool MarkPaid(string? paymentIntentId, decimal amountPaid, DateTimeOffset now)
    {
        if (Status != OrderStatus.AwaitingPayment && Status != OrderStatus.Abandoned) return false;
        Status = OrderStatus.Paid;
        PaymentIntentId = paymentIntentId;
        AmountPaid = amountPaid;
        PaidAt = now;
        Record(now, "payment.paid", $"Payment of {Money.Format(amountPaid, Plan.Currency)} confirmed ({paymentIntentId}).");
        return true;
    }

    public bool MarkAbandoned(DateTimeOffset now, string why)
    {
        if (Status != OrderStatus.AwaitingPayment) return false;
        Status = OrderStatus.Abandoned;
        Record(now, "payment.abandoned", why);
        return true;
    }

    public bool MarkProvisioned(DateTimeOffset now)
    {
        if (Status is not (OrderStatus.Paid or OrderStatus.NeedsAttention) || !IsProvisionedUpstream) return false;
        Status = OrderStatus.Provisioned;
        Record(now, "order.provisioned", Kind == OrderKind.TopUp ? "The top-up is on the eSIM." : "Every eSIM on the order is ready.");
        return true;
    }

    /// <summary>The chargeable top-up call is about to be sent; an attempt that finds this step must look it up first.</summary>
    public void TopUpRequested()
    {
        TopUpStep = TopUpStep.Requested;
        TopUpAttempts++;
    }

    /// <summary>The upstream refused the top-up definitely (nothing was charged): the next attempt sends it without a look-up.</summary>
    public void TopUpRefused()
    {
        if (TopUpStep == TopUpStep.Requested) TopUpStep = TopUpStep.NotStarted;
    }

    public void TopUpApplied() => TopUpStep = TopUpStep.Applied;

    public bool MarkDelivered(DateTimeOffset now)
    {
        if (Status != OrderStatus.Provisioned) return false;
        Status = OrderStatus.Delivered;
        DeliveredAt = now;
        Record(now, "order.delivered", $"eSIM details emailed to {CustomerEmail}.");
        return true;
    }

    public bool MarkNeedsAttention(string reason, DateTimeOffset now)
    {
        if (Status is not (OrderStatus.Paid or OrderStatus.Provisioned)) return false;
        Status = OrderStatus.NeedsAttention;
        AttentionReason = reason;
        Record(now, "order.needs_attention", reason);
        return true;
    }

    /// <summary>Staff chose to try again after fixing the cause: provisioning resumes where it stopped, and an order whose
    /// eSIMs are ready goes straight back to "provisioned", which sends the delivery email again.</summary>
    public bool Retry(string actor, DateTimeOffset now)
    {
        if (Status != OrderStatus.NeedsAttention) return false;
        Status = OrderStatus.Paid;
        AttentionReason = null;
        Record(now, "order.retry", $"Provisioning retried by {actor}.");
        return true;
    }

    public bool MarkRefunded(string refundId, decimal amount, DateTimeOffset now)
    {
        if (Status is OrderStatus.AwaitingPayment or OrderStatus.Abandoned or OrderStatus.Refunded) return false;
        Status = OrderStatus.Refunded;
        Record(now, "payment.refunded", $"Refund {refundId} of {Money.Format(amount, Plan.Currency)} issued.");
        return true;
    }

    /// <summary>Staff corrected the customer's address (a typo at checkout): every later email goes to the new one.</summary>
    public bool CorrectEmail(string email, string actor, DateTimeOffset now)
    {
        if (email == CustomerEmail) return false;
        Record(now, "staff.email_corrected", $"Customer email corrected from {CustomerEmail} to {email} by {actor}.");
        CustomerEmail = email;
        return true;
    }

    public Esim AddEsim(DateTimeOffset now)
    {
        var esim = Esim.Create(this, _esims.Count + 1, now);
        _esims.Add(esim);
        Touch(now);
        return esim;
    }

    /// <summary>Adds a line to the order's timeline. Never pass secrets or activation codes.</summary>
    public void Record(DateTimeOffset now, string kind, string message)
    {
        _events.Add(new OrderEvent(Id, now, kind, message));
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }
}
