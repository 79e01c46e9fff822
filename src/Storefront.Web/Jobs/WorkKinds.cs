using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;

namespace Storefront.Jobs;

/// <summary>The kinds of durable work the store does after a commit.</summary>
public static class WorkKinds
{
    public const string ConfirmCheckout = "payment.confirm";
    public const string ExpireCheckout = "payment.expired";
    public const string ProvisionOrder = "order.provision";
    public const string SendDeliveryEmail = "email.delivery";
    public const string SendRefundEmail = "email.refunded";
    public const string SendAttentionEmails = "email.attention";
    public const string SendLowBalanceEmail = "email.low_balance";
    public const string ProviderEvent = "provider.event";
    public const string SendOrderLinks = "email.order_links";
    public const string RefundUndeliverable = "payment.refund_undeliverable";
    public const string SendResellerBalanceEmail = "email.reseller_balance";
    public const string SendWebhookRegistrationAlert = "email.webhook_registration";
}
