using System.Text.Json.Nodes;

namespace Storefront.Sandbox.Payments;

internal sealed record LineItemDraft(string Name, string? Description, string Currency, long UnitAmount, long Quantity);

internal sealed record SessionDraft(
    IReadOnlyList<LineItemDraft> LineItems,
    string SuccessUrl,
    string? CancelUrl,
    string? CustomerEmail,
    string? ClientReferenceId,
    Dictionary<string, string> Metadata,
    Dictionary<string, string> PaymentIntentMetadata,
    DateTimeOffset? ExpiresAt,
    string? Locale,
    bool? AllowPromotionCodes);

internal sealed record SessionListFilter(
    string? PaymentIntent,
    string? Status,
    string? CustomerEmail,
    long? CreatedFrom,
    long? CreatedTo,
    int Limit,
    string? StartingAfter,
    string? EndingBefore);

internal enum PaymentResult { Succeeded, Declined, RequiresAction, Invalid, NotOpen, NotFound }

internal sealed record PaymentOutcome(PaymentResult Result, string? RedirectUrl = null, string? Code = null, string? DeclineCode = null, string? Message = null)
{
    public static readonly PaymentOutcome NotFound = new(PaymentResult.NotFound, Message: "No such checkout session.");
}

internal sealed record CheckoutPageModel(
    string Id,
    string Status,
    string Currency,
    long AmountTotal,
    IReadOnlyList<SimLineItem> LineItems,
    string? CustomerEmail,
    string? CancelUrl,
    string SuccessRedirect,
    PendingChallenge? PendingChallenge);

public sealed partial class StripeSimulatorState
{
    public static readonly TimeSpan DefaultSessionLifetime = TimeSpan.FromHours(24);

    internal JsonObject CreateSession(SessionDraft draft, string hostedPageBase, IReadOnlyCollection<string> expand)
    {
        var now = Time.GetUtcNow();
        var id = SimulatorIds.CheckoutSession();
        var session = new SimSession
        {
            Id = id,
            Created = now,
            ExpiresAt = draft.ExpiresAt ?? now + DefaultSessionLifetime,
            Currency = draft.LineItems[0].Currency,
            LineItems = [.. draft.LineItems.Select(item => new SimLineItem
            {
                Id = SimulatorIds.New("li_"),
                PriceId = SimulatorIds.New("price_"),
                ProductId = SimulatorIds.New("prod_"),
                Name = item.Name,
                ProductDescription = item.Description,
                Currency = item.Currency,
                UnitAmount = item.UnitAmount,
                Quantity = item.Quantity,
            })],
            SuccessUrl = draft.SuccessUrl,
            CancelUrl = draft.CancelUrl,
            CustomerEmail = draft.CustomerEmail,
            ClientReferenceId = draft.ClientReferenceId,
            Metadata = draft.Metadata,
            PaymentIntentMetadata = draft.PaymentIntentMetadata,
            Locale = draft.Locale,
            AllowPromotionCodes = draft.AllowPromotionCodes,
            HostedUrl = $"{hostedPageBase}/c/pay/{id}",
        };
        lock (_gate)
        {
            _sessions.Add(session);
            _sessionsById[id] = session;
            return RenderSession(session, expand);
        }
    }

    internal JsonObject GetSession(string id, IReadOnlyCollection<string> expand)
    {
        lock (_gate)
        {
            var session = FindSession(id);
            ExpireIfDue(session);
            return RenderSession(session, expand);
        }
    }

    internal JsonObject GetLineItems(string id, int limit, string? startingAfter, string? endingBefore)
    {
        lock (_gate)
        {
            var session = FindSession(id);
            var (page, hasMore) = Paginate(session.LineItems, item => item.Id, limit, startingAfter, endingBefore);
            return SimJson.List(page.Select(item => item.ToJson()), $"/v1/checkout/sessions/{id}/line_items", hasMore);
        }
    }

    internal JsonObject ListSessions(SessionListFilter filter, IReadOnlyCollection<string> expand)
    {
        lock (_gate)
        {
            _sessions.ForEach(ExpireIfDue);
            var matching = Enumerable.Reverse(_sessions)
                .Where(s => filter.PaymentIntent is null || s.PaymentIntentId == filter.PaymentIntent)
                .Where(s => filter.Status is null || s.Status == filter.Status)
                .Where(s => filter.CustomerEmail is null || string.Equals(s.CustomerDetails?.Email, filter.CustomerEmail, StringComparison.OrdinalIgnoreCase))
                .Where(s => filter.CreatedFrom is null || s.Created.ToUnixTimeSeconds() >= filter.CreatedFrom)
                .Where(s => filter.CreatedTo is null || s.Created.ToUnixTimeSeconds() <= filter.CreatedTo)
                .ToList();
            var (page, hasMore) = Paginate(matching, s => s.Id, filter.Limit, filter.StartingAfter, filter.EndingBefore);
            return SimJson.List(page.Select(s => RenderSession(s, expand)), "/v1/checkout/sessions", hasMore);
        }
    }

    internal JsonObject ExpireSession(string id, EventRequest request)
    {
        lock (_gate)
        {
            var session = FindSession(id);
            ExpireIfDue(session);
            if (session.Status != "open")
                throw SimulatorApiError.Invalid($"Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of \"{session.Status}\".");
            Expire(session, request);
            return RenderSession(session, []);
        }
    }

    internal CheckoutPageModel? GetPage(string id)
    {
        lock (_gate)
        {
            if (!_sessionsById.TryGetValue(id, out var session))
                return null;
            ExpireIfDue(session);
            return new CheckoutPageModel(
                session.Id,
                session.Status,
                session.Currency,
                session.AmountTotal,
                session.LineItems,
                session.CustomerDetails?.Email ?? session.CustomerEmail,
                session.CancelUrl,
                SuccessRedirect(session),
                session.PendingChallenge);
        }
    }

    /// <param name="authenticated">The 3-D Secure result: null when no challenge has been shown yet.</param>
    internal PaymentOutcome Pay(string sessionId, CardEntry card, string? email, bool? authenticated)
    {
        lock (_gate)
        {
            if (!_sessionsById.TryGetValue(sessionId, out var session))
                return PaymentOutcome.NotFound;
            ExpireIfDue(session);
            if (session.Status != "open")
                return new PaymentOutcome(PaymentResult.NotOpen, Message: $"This Checkout Session is {session.Status}.");

            email = string.IsNullOrWhiteSpace(email) ? session.CustomerEmail : email.Trim();
            var paymentIntent = EnsurePaymentIntent(session);
            var behaviour = TestCards.Behaviour(card);

            if (behaviour == CardBehaviour.RequiresAuthentication)
            {
                if (authenticated is null)
                {
                    session.PendingChallenge = new PendingChallenge(card, email);
                    paymentIntent.Status = "requires_action";
                    paymentIntent.PaymentMethodId = SimulatorIds.New("pm_");
                    Emit(Stripe.EventTypes.PaymentIntentRequiresAction, paymentIntent.ToJson(), EventRequest.None);
                    return new PaymentOutcome(PaymentResult.RequiresAction);
                }
                session.PendingChallenge = null;
                if (authenticated == false)
                    return FailAuthentication(paymentIntent);
            }

            return behaviour is CardBehaviour.GenericDecline or CardBehaviour.InsufficientFunds
                ? Decline(paymentIntent, card, email, behaviour)
                : Succeed(session, paymentIntent, card, email);
        }
    }

    /// <summary>The customer's answer on the 3-D Secure challenge page for the card they entered before.</summary>
    internal PaymentOutcome CompleteChallenge(string sessionId, bool authenticated)
    {
        PendingChallenge? pending;
        lock (_gate)
            pending = _sessionsById.TryGetValue(sessionId, out var session) ? session.PendingChallenge : null;
        return pending is null
            ? new PaymentOutcome(PaymentResult.NotOpen, Message: "There is no authentication waiting for this session.")
            : Pay(sessionId, pending.Card, pending.Email, authenticated);
    }

    internal string? CancelUrl(string sessionId)
    {
        lock (_gate)
            return _sessionsById.TryGetValue(sessionId, out var session) ? session.CancelUrl : null;
    }

    private SimPaymentIntent EnsurePaymentIntent(SimSession session)
    {
        if (session.PaymentIntentId is not null)
            return _paymentIntents[session.PaymentIntentId];

        var paymentIntent = new SimPaymentIntent
        {
            Id = SimulatorIds.New("pi_"),
            Amount = session.AmountTotal,
            Currency = session.Currency,
            Created = Time.GetUtcNow(),
            Metadata = new Dictionary<string, string>(session.PaymentIntentMetadata),
        };
        _paymentIntents[paymentIntent.Id] = paymentIntent;
        session.PaymentIntentId = paymentIntent.Id;
        Emit(Stripe.EventTypes.PaymentIntentCreated, paymentIntent.ToJson(), EventRequest.None);
        return paymentIntent;
    }

    private PaymentOutcome Succeed(SimSession session, SimPaymentIntent paymentIntent, CardEntry card, string? email)
    {
        var charge = NewCharge(paymentIntent, card, email, succeeded: true);
        paymentIntent.Status = "succeeded";
        paymentIntent.AmountReceived = paymentIntent.Amount;
        paymentIntent.LatestChargeId = charge.Id;
        paymentIntent.PaymentMethodId = charge.PaymentMethodId;
        paymentIntent.LastPaymentError = null;
        session.Status = "complete";
        session.PaymentStatus = "paid";
        session.CustomerDetails = (email, card.Name);

        Emit(Stripe.EventTypes.ChargeSucceeded, RenderCharge(charge), EventRequest.None);
        Emit(Stripe.EventTypes.PaymentIntentSucceeded, paymentIntent.ToJson(), EventRequest.None);
        Emit(Stripe.EventTypes.CheckoutSessionCompleted, session.ToJson(), EventRequest.None);
        return new PaymentOutcome(PaymentResult.Succeeded, SuccessRedirect(session));
    }

    /// <summary>The session stays open for another try, and no checkout.session event is sent.</summary>
    private PaymentOutcome Decline(SimPaymentIntent paymentIntent, CardEntry card, string? email, CardBehaviour behaviour)
    {
        var (code, declineCode, message) = TestCards.Decline(behaviour);
        var charge = NewCharge(paymentIntent, card, email, succeeded: false, code, declineCode, message);
        paymentIntent.Status = "requires_payment_method";
        paymentIntent.LatestChargeId = charge.Id;
        paymentIntent.PaymentMethodId = null;
        paymentIntent.LastPaymentError = new JsonObject
        {
            ["charge"] = charge.Id,
            ["code"] = code,
            ["decline_code"] = declineCode,
            ["doc_url"] = "https://stripe.com/docs/error-codes/" + code.Replace('_', '-'),
            ["message"] = message,
            ["type"] = "card_error",
        };

        Emit(Stripe.EventTypes.ChargeFailed, RenderCharge(charge), EventRequest.None);
        Emit(Stripe.EventTypes.PaymentIntentPaymentFailed, paymentIntent.ToJson(), EventRequest.None);
        return new PaymentOutcome(PaymentResult.Declined, null, code, declineCode, message);
    }

    private PaymentOutcome FailAuthentication(SimPaymentIntent paymentIntent)
    {
        const string code = "payment_intent_authentication_failure";
        paymentIntent.Status = "requires_payment_method";
        paymentIntent.PaymentMethodId = null;
        paymentIntent.LastPaymentError = new JsonObject
        {
            ["code"] = code,
            ["doc_url"] = "https://stripe.com/docs/error-codes/payment-intent-authentication-failure",
            ["message"] = TestCards.AuthenticationFailedMessage,
            ["type"] = "invalid_request_error",
        };
        Emit(Stripe.EventTypes.PaymentIntentPaymentFailed, paymentIntent.ToJson(), EventRequest.None);
        return new PaymentOutcome(PaymentResult.Declined, null, code, null, TestCards.AuthenticationFailedMessage);
    }

    private SimCharge NewCharge(SimPaymentIntent paymentIntent, CardEntry card, string? email, bool succeeded,
        string? failureCode = null, string? declineCode = null, string? failureMessage = null)
    {
        var charge = new SimCharge
        {
            Id = SimulatorIds.New("ch_"),
            Amount = paymentIntent.Amount,
            Currency = paymentIntent.Currency,
            Created = Time.GetUtcNow(),
            PaymentIntentId = paymentIntent.Id,
            PaymentMethodId = SimulatorIds.New("pm_"),
            Card = card,
            Email = email,
            Succeeded = succeeded,
            FailureCode = failureCode,
            DeclineCode = declineCode,
            FailureMessage = failureMessage,
        };
        _charges[charge.Id] = charge;
        return charge;
    }

    /// <summary>Sessions past expires_at are expired when next looked at (docs/payments/stripe.md §8.6).</summary>
    private void ExpireIfDue(SimSession session)
    {
        if (session.Status == "open" && Time.GetUtcNow() >= session.ExpiresAt)
            Expire(session, EventRequest.None);
    }

    private void Expire(SimSession session, EventRequest request)
    {
        session.Status = "expired";
        session.PendingChallenge = null;
        if (session.PaymentIntentId is { } paymentIntentId && _paymentIntents[paymentIntentId] is { Status: not "succeeded" } paymentIntent)
        {
            paymentIntent.Status = "canceled";
            paymentIntent.CanceledAt = Time.GetUtcNow();
            paymentIntent.CancellationReason = "abandoned";
        }
        Emit(Stripe.EventTypes.CheckoutSessionExpired, session.ToJson(), request);
    }

    private SimSession FindSession(string id) =>
        _sessionsById.TryGetValue(id, out var session) ? session : throw SimulatorApiError.NoSuch("checkout.session", id, "session");

    private JsonObject RenderSession(SimSession session, IReadOnlyCollection<string> expand)
    {
        var json = session.ToJson();
        if (expand.Contains("payment_intent") && session.PaymentIntentId is { } paymentIntentId)
            json["payment_intent"] = _paymentIntents[paymentIntentId].ToJson();
        if (expand.Contains("line_items"))
            json["line_items"] = SimJson.List(session.LineItems.Select(item => item.ToJson()), $"/v1/checkout/sessions/{session.Id}/line_items");
        return json;
    }

    private static string SuccessRedirect(SimSession session) =>
        session.SuccessUrl.Replace(SimulatorIds.SessionIdTemplate, session.Id, StringComparison.Ordinal);

    private static (List<T> Page, bool HasMore) Paginate<T>(IReadOnlyList<T> items, Func<T, string> id, int limit, string? startingAfter, string? endingBefore)
    {
        if (startingAfter is not null)
        {
            var start = items.Select(id).ToList().IndexOf(startingAfter) + 1;
            var page = items.Skip(start).Take(limit).ToList();
            return (page, start + page.Count < items.Count);
        }
        if (endingBefore is not null)
        {
            var end = Math.Max(0, items.Select(id).ToList().IndexOf(endingBefore));
            var from = Math.Max(0, end - limit);
            return ([.. items.Skip(from).Take(end - from)], from > 0);
        }
        return ([.. items.Take(limit)], items.Count > limit);
    }
}
