using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Storefront.Sandbox.Payments;

/// <summary>The Stripe API routes the store uses: /v1/checkout/sessions, /v1/refunds and a few reads.</summary>
internal static partial class SimulatorApiEndpoints
{
    private const int MaxLineItems = 100;
    private const int MaxClientReferenceIdLength = 200;
    private static readonly TimeSpan MinSessionLifetime = TimeSpan.FromMinutes(30);

    private static readonly HashSet<string> Locales =
    [
        "auto", "bg", "cs", "da", "de", "el", "en", "en-GB", "es", "es-419", "et", "fi", "fil", "fr", "fr-CA", "hr", "hu", "id",
        "it", "ja", "ko", "lt", "lv", "ms", "mt", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sk", "sl", "sv", "th", "tr", "vi",
        "zh", "zh-HK", "zh-TW",
    ];

    private static readonly HashSet<string> RefundReasons = ["duplicate", "fraudulent", "requested_by_customer"];

    public static void Map(IEndpointRouteBuilder routes, string prefix)
    {
        routes.MapPost("/v1/checkout/sessions", SimulatorApiPipeline.Handle(prefix, CreateSession));
        routes.MapGet("/v1/checkout/sessions", SimulatorApiPipeline.Handle(prefix, ListSessions));
        routes.MapGet("/v1/checkout/sessions/{id}", SimulatorApiPipeline.Handle(prefix, RetrieveSession));
        routes.MapPost("/v1/checkout/sessions/{id}/expire", SimulatorApiPipeline.Handle(prefix, ExpireSession));
        routes.MapGet("/v1/checkout/sessions/{id}/line_items", SimulatorApiPipeline.Handle(prefix, ListLineItems));
        routes.MapPost("/v1/refunds", SimulatorApiPipeline.Handle(prefix, CreateRefund));
        routes.MapGet("/v1/refunds/{id}", SimulatorApiPipeline.Handle(prefix, call => Read(call, call.State.GetRefund)));
        routes.MapGet("/v1/payment_intents/{id}", SimulatorApiPipeline.Handle(prefix, RetrievePaymentIntent));
        routes.MapGet("/v1/charges/{id}", SimulatorApiPipeline.Handle(prefix, call => Read(call, call.State.GetCharge)));
        routes.MapGet("/v1/events/{id}", SimulatorApiPipeline.Handle(prefix, call => Read(call, call.State.GetEvent)));
        routes.Map("/v1/{**rest}", SimulatorApiPipeline.Handle(prefix, Unrecognized));
    }

    private static Func<JsonNode> CreateSession(ApiCall call)
    {
        var p = call.Params;
        var mode = p.RequiredString("mode");
        if (mode != "payment")
            throw SimulatorApiError.Invalid($"The simulator only supports mode=payment, not '{mode}'.", "mode");

        var items = p.List("line_items") ?? throw SimulatorApiError.Missing("line_items");
        if (items.Count == 0)
            throw SimulatorApiError.Missing("line_items");
        if (items.Count > MaxLineItems)
            throw SimulatorApiError.Invalid($"You may only specify up to {MaxLineItems} line items.", "line_items");
        var lineItems = items.Select(ReadLineItem).ToList();
        if (lineItems.Select(item => item.Currency).Distinct().Count() > 1)
            throw SimulatorApiError.Invalid("All line items must use the same currency.", "line_items");

        var successUrl = RequireUrl(p.RequiredString("success_url"), "success_url");
        var cancelUrl = p.String("cancel_url") is { } cancel ? RequireUrl(cancel, "cancel_url") : null;
        var customerEmail = p.String("customer_email");
        if (customerEmail is not null && !EmailPattern().IsMatch(customerEmail))
            throw SimulatorApiError.Invalid($"Invalid email address: {customerEmail}", "customer_email", "email_invalid");
        var clientReferenceId = p.String("client_reference_id");
        if (clientReferenceId?.Length > MaxClientReferenceIdLength)
            throw SimulatorApiError.Invalid($"client_reference_id must be at most {MaxClientReferenceIdLength} characters.", "client_reference_id");

        var metadata = p.Metadata("metadata") ?? [];
        var paymentIntentMetadata = p.Map("payment_intent_data")?.Metadata("metadata") ?? [];
        var expiresAt = ReadExpiresAt(p, call.State.Time.GetUtcNow());
        var locale = p.String("locale");
        if (locale is not null && !Locales.Contains(locale))
            throw SimulatorApiError.Invalid($"Invalid locale: {locale}", "locale");
        var allowPromotionCodes = p.Boolean("allow_promotion_codes");
        var expand = call.Expand("payment_intent", "line_items");

        var draft = new SessionDraft(lineItems, successUrl, cancelUrl, customerEmail, clientReferenceId, metadata,
            paymentIntentMetadata, expiresAt, locale, allowPromotionCodes);
        return () => call.State.CreateSession(draft, call.HostedPageBase, expand);
    }

    private static LineItemDraft ReadLineItem(ParamNode node)
    {
        if (node is not ParamMap item)
            throw SimulatorApiError.Invalid($"Invalid object: {node.Name} must be a hash.", node.Name);
        if (item.String("price") is { } price)
            throw new SimulatorApiError(400, "invalid_request_error", $"No such price: '{price}'", "resource_missing", item.ChildName("price"));

        var priceData = item.Map("price_data") ?? throw SimulatorApiError.Missing(item.ChildName("price_data"));
        var currency = priceData.RequiredString("currency");
        if (!CurrencyPattern().IsMatch(currency))
            throw SimulatorApiError.Invalid($"Invalid currency: {currency}. Currencies are lowercase three-letter ISO codes.", priceData.ChildName("currency"));

        var unitAmount = priceData.Integer("unit_amount");
        var unitAmountDecimal = priceData.String("unit_amount_decimal");
        if (unitAmount is not null && unitAmountDecimal is not null)
            throw SimulatorApiError.Invalid("You may only specify one of these parameters: unit_amount, unit_amount_decimal.", priceData.ChildName("unit_amount"));
        if (unitAmountDecimal is not null)
        {
            if (!decimal.TryParse(unitAmountDecimal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var exact) || exact != decimal.Truncate(exact))
                throw SimulatorApiError.Invalid("The simulator only supports whole minor units in unit_amount_decimal.", priceData.ChildName("unit_amount_decimal"));
            unitAmount = (long)exact;
        }
        if (unitAmount is null)
            throw SimulatorApiError.Missing(priceData.ChildName("unit_amount"));
        if (unitAmount < 0)
            throw SimulatorApiError.Invalid("This value must be greater than or equal to 0.", priceData.ChildName("unit_amount"));

        if (priceData.String("product") is { } product)
            throw new SimulatorApiError(400, "invalid_request_error", $"No such product: '{product}'", "resource_missing", priceData.ChildName("product"));
        var productData = priceData.Map("product_data") ?? throw SimulatorApiError.Missing(priceData.ChildName("product_data"));
        var name = productData.RequiredString("name");
        var description = productData.String("description");
        productData.Strings("images");
        productData.Metadata("metadata");

        var quantity = item.Integer("quantity") ?? throw SimulatorApiError.Missing(item.ChildName("quantity"));
        if (quantity < 1)
            throw SimulatorApiError.Invalid("This value must be greater than or equal to 1.", item.ChildName("quantity"));

        return new LineItemDraft(name, description, currency, unitAmount.Value, quantity);
    }

    private static DateTimeOffset? ReadExpiresAt(ParamMap p, DateTimeOffset now)
    {
        if (p.Integer("expires_at") is not { } seconds)
            return null;
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (expiresAt < now + MinSessionLifetime)
            throw SimulatorApiError.Invalid("The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", "expires_at");
        if (expiresAt > now + StripeSimulatorState.DefaultSessionLifetime)
            throw SimulatorApiError.Invalid("The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.", "expires_at");
        return expiresAt;
    }

    private static Func<JsonNode> RetrieveSession(ApiCall call)
    {
        var expand = call.Expand("payment_intent", "line_items");
        return () => call.State.GetSession(call.Id, expand);
    }

    private static Func<JsonNode> ListSessions(ApiCall call)
    {
        var p = call.Params;
        var (createdFrom, createdTo) = p.IntegerRange("created");
        var filter = new SessionListFilter(
            p.String("payment_intent"),
            p.String("status"),
            p.Map("customer_details")?.String("email"),
            createdFrom,
            createdTo,
            ReadLimit(p),
            p.String("starting_after"),
            p.String("ending_before"));
        var expand = call.Expand("data.payment_intent", "data.line_items").Select(field => field["data.".Length..]).ToList();
        return () => call.State.ListSessions(filter, expand);
    }

    private static Func<JsonNode> ExpireSession(ApiCall call)
    {
        call.Expand();
        return () => call.State.ExpireSession(call.Id, call.EventRequest);
    }

    private static Func<JsonNode> ListLineItems(ApiCall call)
    {
        var limit = ReadLimit(call.Params);
        var startingAfter = call.Params.String("starting_after");
        var endingBefore = call.Params.String("ending_before");
        call.Expand();
        return () => call.State.GetLineItems(call.Id, limit, startingAfter, endingBefore);
    }

    private static Func<JsonNode> CreateRefund(ApiCall call)
    {
        var p = call.Params;
        var paymentIntent = p.String("payment_intent");
        var charge = p.String("charge");
        if (paymentIntent is null && charge is null)
            throw SimulatorApiError.Invalid("One of the following params should be provided for this request: payment_intent or charge.",
                "payment_intent", "parameter_missing");
        if (paymentIntent is not null && charge is not null)
            throw SimulatorApiError.Invalid("You can only specify one of these parameters: charge, payment_intent.", "charge");

        var amount = p.Integer("amount");
        if (amount < 1)
            throw SimulatorApiError.Invalid("This value must be greater than or equal to 1.", "amount");
        var reason = p.String("reason");
        if (reason is not null && !RefundReasons.Contains(reason))
            throw SimulatorApiError.Invalid("Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer", "reason");
        var metadata = p.Metadata("metadata") ?? [];
        call.Expand();

        var draft = new RefundDraft(paymentIntent, charge, amount, reason, metadata);
        return () => call.State.CreateRefund(draft, call.EventRequest);
    }

    private static Func<JsonNode> RetrievePaymentIntent(ApiCall call)
    {
        var expand = call.Expand("latest_charge");
        return () => call.State.GetPaymentIntent(call.Id, expand);
    }

    private static Func<JsonNode> Read(ApiCall call, Func<string, JsonNode> read)
    {
        call.Expand();
        return () => read(call.Id);
    }

    private static Func<JsonNode> Unrecognized(ApiCall call) =>
        throw new SimulatorApiError(404, "invalid_request_error",
            "Unrecognized request URL. The Stripe simulator implements only Checkout Sessions, Refunds and reads of "
            + "PaymentIntents, Charges and Events.");

    private static int ReadLimit(ParamMap p)
    {
        var limit = p.Integer("limit") ?? 10;
        return limit is >= 1 and <= 100
            ? (int)limit
            : throw SimulatorApiError.Invalid("This value must be between 1 and 100.", "limit");
    }

    private static string RequireUrl(string value, string param) =>
        Uri.TryCreate(value.Replace(SimulatorIds.SessionIdTemplate, "x", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? value
            : throw SimulatorApiError.Invalid("Not a valid URL", param, "url_invalid");

    [GeneratedRegex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^[a-z]{3}$")]
    private static partial Regex CurrencyPattern();
}
