using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Roamify;

public static class RoamifyOrderStatus
{
    public const string Pending = "PENDING";
    public const string Completed = "COMPLETED";
    public const string Archived = "ARCHIVED";
    public const string Cancelled = "CANCELLED";
    public const string Refunded = "REFUNDED";
    public const string RequireAction = "REQUIRE_ACTION";
}
