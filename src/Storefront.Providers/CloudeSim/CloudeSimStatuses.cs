using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.CloudeSim;

/// <summary>
/// eSIM statuses. Only ACTIVE is in the seed; the others are the simulator's names (docs/providers/cloudesim.md §5.2),
/// and the eSIM Access names are accepted too because CloudeSIM probably passes them through
/// (docs/providers/cloudesim.md §3.3).
/// </summary>
public static class CloudeSimStatuses
{
    public const string New = "NEW";
    public const string Active = "ACTIVE";
    public const string Depleted = "DEPLETED";
    public const string Expired = "EXPIRED";
    public const string Cancelled = "CANCELLED";
    public const string Suspended = "SUSPENDED";

    public const string GotResource = "GOT_RESOURCE";
    public const string InUse = "IN_USE";
    public const string UsedUp = "USED_UP";
    public const string UsedExpired = "USED_EXPIRED";
    public const string UnusedExpired = "UNUSED_EXPIRED";
    public const string Cancel = "CANCEL";
    public const string Revoked = "REVOKED";
}
