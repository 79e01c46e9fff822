using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Citrus;

public static class CitrusEvents
{
    public const string EsimProvisioned = "esim.provisioned";
    public const string EsimActivated = "esim.activated";
    public const string EsimBalanceLow = "esim.balance_low";
    public const string EsimBalanceDepleted = "esim.balance_depleted";
    public const string EsimDefunded = "esim.defunded";
    public const string EsimDataSuspended = "esim.data_suspended";
    public const string EsimDataResumed = "esim.data_resumed";
    public const string EsimTerminated = "esim.terminated";
    public const string BalanceLow = "balance.low";
    public const string BalanceDepleted = "balance.depleted";
    public const string BalanceToppedUp = "balance.topped_up";
    public const string BalanceAutoRefillSucceeded = "balance.auto_refill_succeeded";
    public const string BalanceAutoRefillFailed = "balance.auto_refill_failed";
    public const string WebhookTest = "webhook.test";
    public const string All = "*";
}
