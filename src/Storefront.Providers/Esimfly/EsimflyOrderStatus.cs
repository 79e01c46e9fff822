using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Esimfly;

public static class EsimflyOrderStatus
{
    public const string Completed = "completed";
    public const string PendingDetails = "pending_details";
    public const string Pending = "pending";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}
