using System.Globalization;
using System.Net;
using System.Text;

using Storefront.Payments;

namespace Storefront.Sandbox.Payments;

/// <summary>What the customer typed, echoed back when the form is shown again (never the CVC).</summary>
internal sealed record CheckoutFormValues(string? Email, string? CardNumber, string? Expiry, string? Name);

/// <summary>
/// The hosted payment page's HTML: self-contained (inline CSS, no scripts, no external assets), readable on a phone,
/// and clearly marked as a sandbox so nobody mistakes it for a real payment.
/// </summary>
internal static class HostedCheckoutPage
{
    public static string Form(CheckoutPageModel page, string merchant, CheckoutFormValues values, CardValidationError? error)
    {
        var total = Money(page.AmountTotal, page.Currency);
        var body = new StringBuilder();
        body.Append($"""
            <form class="pay" method="post" novalidate>
              <h2>Pay with card</h2>
              <label for="email">Email</label>
              <input id="email" name="email" type="email" autocomplete="email" required value="{E(values.Email ?? page.CustomerEmail)}"{Invalid(error, "email")}>
              <fieldset>
                <legend>Card information</legend>
                <label for="card-number">Card number</label>
                <input id="card-number" name="card-number" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" maxlength="23" required value="{E(values.CardNumber)}"{Invalid(error, "card-number")}>
                <div class="row">
                  <div>
                    <label for="card-expiry">Expiry</label>
                    <input id="card-expiry" name="card-expiry" inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY" maxlength="9" required value="{E(values.Expiry)}"{Invalid(error, "card-expiry")}>
                  </div>
                  <div>
                    <label for="card-cvc">CVC</label>
                    <input id="card-cvc" name="card-cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" maxlength="4" required{Invalid(error, "card-cvc")}>
                  </div>
                </div>
              </fieldset>
              <label for="name">Cardholder name</label>
              <input id="name" name="name" autocomplete="cc-name" placeholder="Full name on card" value="{E(values.Name)}">
              <p id="card-error" class="error" role="alert"{(error is null ? " hidden" : "")}>{E(error?.Message)}</p>
              <button id="pay-button" type="submit">Pay {E(total)}</button>
            </form>
            """);
        return Layout(page, merchant, body.ToString(), "Pay " + total);
    }

    public static string Challenge(CheckoutPageModel page, string merchant)
    {
        var body = $"""
            <form class="pay" method="post" action="{E(page.Id)}/authenticate">
              <h2>Confirm this payment</h2>
              <p class="note">Your bank asks you to confirm a payment of <strong>{E(Money(page.AmountTotal, page.Currency))}</strong>
              to {E(merchant)} with the card ending in {E(page.PendingChallenge?.Card.Last4)}.</p>
              <p class="note">This is a simulated 3-D Secure check: choose the outcome.</p>
              <button id="three-ds-complete" name="result" value="complete" type="submit">Complete authentication</button>
              <button id="three-ds-fail" class="secondary" name="result" value="fail" type="submit">Fail authentication</button>
            </form>
            """;
        return Layout(page, merchant, body, "Confirm payment");
    }

    /// <summary>For a session that cannot be paid any more (complete or expired).</summary>
    public static string Message(CheckoutPageModel page, string merchant, string heading, string text, string? linkUrl, string? linkText)
    {
        var link = linkUrl is null ? "" : $"""<a id="continue-link" class="button" href="{E(linkUrl)}">{E(linkText)}</a>""";
        var body = $"""
            <div class="pay done">
              <h2>{E(heading)}</h2>
              <p class="note">{E(text)}</p>
              {link}
            </div>
            """;
        return Layout(page, merchant, body, heading);
    }

    public static string NotFound() => Document("Page not found", """
        <main class="alone">
          <h1>Something went wrong</h1>
          <p class="note">The page you were looking for could not be found. Check the link, or go back to the shop and try again.</p>
        </main>
        """);

    private static string Layout(CheckoutPageModel page, string merchant, string form, string title)
    {
        var items = new StringBuilder();
        foreach (var item in page.LineItems)
        {
            items.Append($"""
                <li>
                  <div><span class="item-name">{E(item.Name)}</span>{(item.ProductDescription is null ? "" : $"""<span class="item-desc">{E(item.ProductDescription)}</span>""")}
                  <span class="item-qty">Qty {item.Quantity}{(item.Quantity > 1 ? $" × {E(Money(item.UnitAmount, item.Currency))}" : "")}</span></div>
                  <span class="item-amount">{E(Money(item.Amount, item.Currency))}</span>
                </li>
                """);
        }

        var back = page.CancelUrl is null || page.Status != "open"
            ? ""
            : $"""<a id="cancel-link" class="back" href="{E(page.CancelUrl)}">← Back</a>""";

        return Document(title + " · " + merchant, $"""
            <aside class="sandbox" aria-label="Sandbox notice"><strong>Sandbox</strong> Simulated Stripe Checkout: no real payment is taken. Test card 4242 4242 4242 4242, any future expiry, any CVC.</aside>
            <main>
              <section class="summary" aria-label="Order summary">
                {back}
                <h1 class="merchant">{E(merchant)}</h1>
                <p class="label">Pay {E(merchant)}</p>
                <p class="total" id="total">{E(Money(page.AmountTotal, page.Currency))}</p>
                <ul class="items">{items}</ul>
                <p class="sum"><span>Total due</span><span>{E(Money(page.AmountTotal, page.Currency))}</span></p>
              </section>
              <section class="checkout">
                {form}
                <p class="footer">Powered by the Stripe simulator · Sandbox</p>
              </section>
            </main>
            """);
    }

    private static string Document(string title, string body) => $$$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{{{E(title)}}}</title>
        <style>
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1a1f36;background:#fff}
        .sandbox{background:#fff4e5;color:#7a4100;border-bottom:1px solid #f5d2a3;padding:8px 16px;font-size:13px;text-align:center}
        .sandbox strong{display:inline-block;background:#a34f00;color:#fff;border-radius:4px;padding:0 6px;margin-right:6px;font-size:11px;letter-spacing:.04em;text-transform:uppercase}
        main{display:grid;grid-template-columns:1fr;max-width:960px;margin:0 auto;padding:24px 16px 48px;gap:32px}
        main.alone{display:block;max-width:480px;padding-top:64px}
        @media (min-width:860px){main{grid-template-columns:1fr 1fr;gap:64px;padding-top:56px}}
        .back{display:inline-block;color:#697386;text-decoration:none;font-size:14px;margin-bottom:16px}
        .back:hover{color:#1a1f36}
        h1.merchant{font-size:16px;font-weight:600;margin:0 0 24px}
        .label{color:#697386;margin:0;font-size:15px}
        .total{font-size:36px;font-weight:600;margin:0 0 24px;letter-spacing:-.02em}
        .items{list-style:none;margin:0;padding:0}
        .items li{display:flex;justify-content:space-between;gap:16px;padding:12px 0;border-bottom:1px solid #e3e8ee}
        .item-name{display:block;font-weight:500}
        .item-desc,.item-qty{display:block;color:#697386;font-size:13px}
        .item-amount{font-weight:500;white-space:nowrap}
        .sum{display:flex;justify-content:space-between;font-weight:600;margin:16px 0 0}
        h1,h2{font-size:20px;font-weight:600;margin:0 0 16px}
        .pay label{display:block;font-size:14px;color:#4f566b;margin:14px 0 4px}
        fieldset{border:0;margin:0;padding:0}
        legend{font-size:14px;color:#4f566b;margin-top:22px;padding:0;font-weight:600}
        input{width:100%;font:inherit;padding:10px 12px;border:1px solid #d5dbe1;border-radius:6px;background:#fff;color:#1a1f36;box-shadow:0 1px 1px rgba(0,0,0,.03)}
        input:focus{outline:none;border-color:#635bff;box-shadow:0 0 0 3px rgba(99,91,255,.55)}
        input[aria-invalid=true]{border-color:#df1b41}
        .row{display:grid;grid-template-columns:1fr 1fr;gap:12px}
        .error{color:#df1b41;font-size:14px;margin:12px 0 0}
        .note{color:#4f566b}
        button,.button{display:block;width:100%;margin-top:24px;padding:12px;font:inherit;font-weight:600;color:#fff;background:#635bff;border:0;border-radius:6px;cursor:pointer;text-align:center;text-decoration:none}
        button:hover,.button:hover{background:#5247e6}
        button:focus-visible,.button:focus-visible,a:focus-visible{outline:3px solid #4f46e5;outline-offset:2px}
        @media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
        button.secondary{background:#fff;color:#1a1f36;border:1px solid #d5dbe1;margin-top:12px}
        .footer{color:#697386;font-size:12px;text-align:center;margin-top:32px}
        </style>
        </head>
        <body>
        {{{body}}}
        </body>
        </html>
        """;

    private static string Invalid(CardValidationError? error, string field) =>
        error?.Field == field ? " aria-invalid=\"true\" aria-describedby=\"card-error\" autofocus" : "";

    public static string Money(long amount, string currency)
    {
        var value = StripeAmounts.FromMinorUnits(amount, currency);
        var format = StripeAmounts.IsZeroDecimal(currency) ? "#,##0" : "#,##0.00";
        var number = value.ToString(format, CultureInfo.InvariantCulture);
        return currency.ToLowerInvariant() switch
        {
            "usd" => "$" + number,
            "eur" => "€" + number,
            "gbp" => "£" + number,
            "jpy" => "¥" + number,
            "cad" => "CA$" + number,
            "aud" => "A$" + number,
            _ => currency.ToUpperInvariant() + " " + number,
        };
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
