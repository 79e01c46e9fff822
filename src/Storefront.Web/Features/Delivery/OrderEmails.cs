using System.Text;
using Microsoft.Extensions.Options;
using Storefront.Domain;
using Storefront.Email;
using Storefront.Features.Install;
using Storefront.Infrastructure;
using static Storefront.Email.EmailLayout;

namespace Storefront.Features.Delivery;

/// <summary>The emails about an order, in the reseller's brand.</summary>
public sealed class OrderEmails(IOptions<BrandOptions> brandOptions, SelfAddress self)
{
    private BrandOptions Brand => brandOptions.Value;

    public string OrderPageUrl(Order order) => self.CombinePublic($"orders/{order.AccessToken}").ToString();

    /// <summary>The eSIM is ready: QR code, one-tap links, manual codes, and the link to the order page.</summary>
    public EmailMessage Delivery(Order order, IReadOnlyList<InstallDetails> esims)
    {
        var orderUrl = OrderPageUrl(order);
        var html = new StringBuilder();
        var text = new StringBuilder();
        var first = FirstName(order.CustomerName);
        html.Append($"<h1 style=\"font-size:22px;margin:0 0 12px;\">Your eSIM is ready, {E(first)}</h1>");
        html.Append($"<p style=\"margin:0 0 16px;\">Thanks for your order <strong>{E(order.Number)}</strong>: {E(order.Plan.Name)}. Install it now, while you have Wi-Fi; it starts working when you arrive.</p>");
        text.AppendLine($"Your eSIM is ready, {first}.").AppendLine()
            .AppendLine($"Order {order.Number}: {order.Plan.Name}.")
            .AppendLine("Install it now, while you have Wi-Fi; it starts working when you arrive.").AppendLine();

        var images = new List<InlineImage>();
        for (var i = 0; i < esims.Count; i++)
        {
            var esim = esims[i];
            var cid = $"qr-{i + 1}@{order.Number.ToLowerInvariant()}";
            images.Add(new InlineImage(cid, esim.QrPng(6)));
            // Under an "eSIM n of m" heading the steps are one level down.
            var step = esims.Count > 1 ? "h3" : "h2";
            if (esims.Count > 1)
                html.Append($"<h2 style=\"font-size:18px;margin:24px 0 8px;color:#111827;\">eSIM {i + 1} of {esims.Count}</h2>");
            html.Append($"""
                <{step} style="margin:16px 0 8px;font-size:17px;color:#111827;">1. Scan this QR code</{step}>
                <p style="margin:0 0 8px;color:#4b5563;">On your phone: Settings &rarr; Mobile/Cellular &rarr; Add eSIM &rarr; Use QR code. Scan it from another screen, or print it.</p>
                <p style="margin:0 0 16px;text-align:center;"><img src="cid:{cid}" width="220" height="220" alt="QR code to install your eSIM. If you cannot scan it, use the install links or the SM-DP+ address and activation code below." style="background:#ffffff;padding:8px;border:1px solid #e5e7eb;border-radius:8px;"></p>
                <{step} style="margin:16px 0 8px;font-size:17px;color:#111827;">2. Or install with one tap on this phone</{step}>
                <p style="margin:0 0 8px;">{Button(esim.IosInstallUrl, "Install on iPhone", Brand.PrimaryColor)}{Button(esim.AndroidInstallUrl, "Install on Android", "#374151")}</p>
                <p style="margin:0 0 16px;color:#4b5563;font-size:13px;">iPhone needs iOS 17.4 or later; Android 10 or later with eSIM support. Open the link in your phone's browser, not inside an app.</p>
                <{step} style="margin:16px 0 8px;font-size:17px;color:#111827;">3. Or enter the details by hand</{step}>
                <table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;border:1px solid #e5e7eb;border-radius:8px;font-size:14px;">
                <tr><td style="padding:10px 12px;color:#4b5563;width:40%;">SM-DP+ address</td><td style="padding:10px 12px;font-family:Menlo,Consolas,monospace;word-break:break-all;">{E(esim.SmdpAddress)}</td></tr>
                <tr><td style="padding:10px 12px;color:#4b5563;border-top:1px solid #e5e7eb;">Activation code</td><td style="padding:10px 12px;font-family:Menlo,Consolas,monospace;word-break:break-all;border-top:1px solid #e5e7eb;">{E(esim.MatchingId)}</td></tr>
                </table>
                """);
            if (esims.Count > 1) text.AppendLine($"eSIM {i + 1} of {esims.Count}");
            text.AppendLine("1. Scan the QR code in this email: Settings > Mobile/Cellular > Add eSIM > Use QR code.")
                .AppendLine("2. Or install with one tap on this phone:")
                .AppendLine($"   iPhone (iOS 17.4+): {esim.IosInstallUrl}")
                .AppendLine($"   Android (10+): {esim.AndroidInstallUrl}")
                .AppendLine("3. Or enter the details by hand:")
                .AppendLine($"   SM-DP+ address: {esim.SmdpAddress}")
                .AppendLine($"   Activation code: {esim.MatchingId}")
                .AppendLine();
        }

        html.Append($"""
            <p style="margin:24px 0 8px;">Check your data balance, see these details again or top up at any time:</p>
            <p style="margin:0 0 8px;">{Button(orderUrl, "View your order", Brand.AccentColor)}</p>
            <p style="margin:16px 0 0;color:#4b5563;font-size:13px;">Keep this email: the QR code can usually be installed only once. Turn on data roaming for the eSIM when you arrive.</p>
            """);
        text.AppendLine($"Your order page (balance, install details, top-ups): {orderUrl}")
            .AppendLine("Keep this email: the QR code can usually be installed only once. Turn on data roaming for the eSIM when you arrive.")
            .Append(TextFooter(Brand));

        return new EmailMessage(order.CustomerEmail, order.CustomerName, $"Your {Brand.Name} eSIM is ready – order {order.Number}",
            EmailLayout.Html(Brand, "Scan the QR code or tap to install your eSIM.", html.ToString()), text.ToString(), images);
    }

    /// <summary>A top-up is on the eSIM: nothing to install, the data is there.</summary>
    public EmailMessage TopUpDelivered(Order topUp, Order original)
    {
        var orderUrl = OrderPageUrl(original);
        var html = $"""
            <h1 style="font-size:22px;margin:0 0 12px;">Your top-up is on your eSIM</h1>
            <p>Thanks, {E(FirstName(topUp.CustomerName))}. <strong>{E(topUp.Plan.Name)}</strong> ({E(topUp.Plan.RetailPrice.ToString())}, order {E(topUp.Number)}) has been added to the eSIM from order {E(original.Number)}. There is nothing to install: just keep using it.</p>
            <p>{Button(orderUrl, "See your balance", Brand.AccentColor)}</p>
            """;
        var text = $"Your top-up is on your eSIM.\n\n{topUp.Plan.Name} ({topUp.Plan.RetailPrice}, order {topUp.Number}) has been added to the eSIM from order {original.Number}. There is nothing to install.\n\nYour balance: {orderUrl}\n" + TextFooter(Brand);
        return new EmailMessage(topUp.CustomerEmail, topUp.CustomerName, $"Your top-up is on your eSIM – order {topUp.Number}",
            EmailLayout.Html(Brand, "Your top-up has been added.", html), text);
    }

    /// <summary>The eSIM is running low or used up: how much is left, and where to top up.</summary>
    public EmailMessage RunningLow(Order order, Esim esim)
    {
        var orderUrl = OrderPageUrl(order);
        var usedUp = esim.State == EsimState.Depleted || esim.RemainingShare == 0;
        var left = esim.WalletBalanceUsd is { } wallet ? Money.Format(wallet, "USD") + " of credit"
            : esim.DataRemainingMb is { } mb ? $"{mb / 1024m:0.0} GB of data" : null;
        var headline = usedUp ? "Your eSIM data is used up" : "Your eSIM is running low";
        var detail = usedUp
            ? $"Your {order.Plan.Name} eSIM has no data left."
            : $"Your {order.Plan.Name} eSIM has {left ?? "little data"} left.";
        var action = order.Plan.TopUpAllowed ? "Top up in a minute from your order page and stay connected." : "You can buy a new plan any time from our store.";
        var html = $"""
            <h1 style="font-size:22px;margin:0 0 12px;">{E(headline)}</h1>
            <p>{E(detail)} {E(action)}</p>
            <p>{Button(orderUrl, order.Plan.TopUpAllowed ? "Top up now" : "View your order", Brand.AccentColor)}</p>
            """;
        var text = $"{headline}\n\n{detail} {action}\n\nYour order: {orderUrl}\n" + TextFooter(Brand);
        return new EmailMessage(order.CustomerEmail, order.CustomerName, $"{headline} – order {order.Number}",
            EmailLayout.Html(Brand, detail, html), text);
    }

    /// <summary>The answer to "find my order": a link to each order of the address.</summary>
    public EmailMessage OrderLinks(IReadOnlyList<Order> orders)
    {
        var first = orders[0];
        var rows = string.Concat(orders.Select(o =>
            $"<p style=\"margin:0 0 10px;\"><a href=\"{E(OrderPageUrl(o))}\" style=\"color:{ColorContrast.ReadableOn(Brand.PrimaryColor)};font-weight:600;\">Order {E(o.Number)}</a> &middot; {E(o.Plan.Name)} &middot; {o.CreatedAt:d MMM yyyy}</p>"));
        var html = $"""
            <h1 style="font-size:22px;margin:0 0 12px;">Your {E(Brand.Name)} orders</h1>
            <p>You asked for links to your orders. Each page shows your QR code, data balance and top-ups.</p>
            {rows}
            <p style="color:#4b5563;font-size:13px;">If you didn't ask for this, you can ignore this email.</p>
            """;
        var text = $"Your {Brand.Name} orders\n\n" + string.Concat(orders.Select(o => $"Order {o.Number} ({o.Plan.Name}, {o.CreatedAt:d MMM yyyy}): {OrderPageUrl(o)}\n"))
                   + "\nIf you didn't ask for this, you can ignore this email.\n" + TextFooter(Brand);
        return new EmailMessage(first.CustomerEmail, first.CustomerName, $"Your {Brand.Name} order links", EmailLayout.Html(Brand, "Links to your orders.", html), text);
    }

    /// <summary>The order could not be delivered and the payment was returned.</summary>
    public EmailMessage Refunded(Order order, decimal amount)
    {
        var refunded = Money.Format(amount, order.Plan.Currency);
        var html = $"""
            <h1 style="font-size:22px;margin:0 0 12px;">We've refunded your order</h1>
            <p>We're sorry, {E(FirstName(order.CustomerName))}: we could not deliver your eSIM for order <strong>{E(order.Number)}</strong> ({E(order.Plan.Name)}). We have refunded <strong>{E(refunded)}</strong> to your card; it usually shows within 5 to 10 days.</p>
            <p>You can buy again at any time, or reply to this email and we'll help.</p>
            """;
        var text = $"We've refunded your order.\n\nWe're sorry: we could not deliver your eSIM for order {order.Number} ({order.Plan.Name}). We have refunded {refunded} to your card; it usually shows within 5 to 10 days.\n" + TextFooter(Brand);
        return new EmailMessage(order.CustomerEmail, order.CustomerName, $"Your {Brand.Name} order {order.Number} has been refunded",
            EmailLayout.Html(Brand, $"We refunded {refunded}.", html), text);
    }

    /// <summary>Tells the customer we are on it when provisioning needs a person.</summary>
    public EmailMessage Delayed(Order order)
    {
        var orderUrl = OrderPageUrl(order);
        var html = $"""
            <h1 style="font-size:22px;margin:0 0 12px;">We're finishing your eSIM, {E(FirstName(order.CustomerName))}</h1>
            <p>Your payment for order <strong>{E(order.Number)}</strong> ({E(order.Plan.Name)}) went through, but setting up your eSIM is taking longer than usual. Our team has been told and is on it; you don't need to do anything.</p>
            <p>We'll email you the QR code as soon as it is ready. If we can't deliver it, we refund you in full.</p>
            <p>{Button(orderUrl, "View your order", Brand.AccentColor)}</p>
            """;
        var text = $"""
            We're finishing your eSIM, {FirstName(order.CustomerName)}.

            Your payment for order {order.Number} ({order.Plan.Name}) went through, but setting up your eSIM is taking longer than usual. Our team has been told and is on it; you don't need to do anything.
            We'll email you the QR code as soon as it is ready. If we can't deliver it, we refund you in full.

            Your order: {orderUrl}
            """ + TextFooter(Brand);
        return new EmailMessage(order.CustomerEmail, order.CustomerName, $"Your {Brand.Name} order {order.Number} is taking a little longer",
            EmailLayout.Html(Brand, "Your payment went through; your eSIM is on its way.", html), text);
    }

    /// <summary>Tells staff an order needs a person.</summary>
    public EmailMessage StaffAlert(Order order, string staffEmail)
    {
        var html = $"""
            <h1 style="font-size:20px;margin:0 0 12px;">Order {E(order.Number)} needs attention</h1>
            <p><strong>Reason:</strong> {E(order.AttentionReason)}</p>
            <p><strong>Plan:</strong> {E(order.Plan.Name)} &middot; <strong>Paid:</strong> {E(order.AmountPaid is { } paid ? Money.Format(paid, order.Plan.Currency) : "-")}</p>
            <p>Open the order in the admin to retry or refund it.</p>
            """;
        var text = $"Order {order.Number} needs attention.\nReason: {order.AttentionReason}\nPlan: {order.Plan.Name}\nOpen the order in the admin to retry or refund it.\n";
        return new EmailMessage(staffEmail, "Store staff", $"[Action needed] Order {order.Number}: {order.AttentionReason}",
            EmailLayout.Html(Brand, $"Order {order.Number} needs attention.", html), text);
    }

    private static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;
}
