using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Esimfly;

/// <summary>
/// Standardised eSIM statuses of lists and usage (docs/providers/esimfly.md §1.6), plus USED_EXPIRED, which leaks
/// through.
/// </summary>
public static class EsimflyEsimStatus
{
    public const string New = "NEW";
    public const string Active = "ACTIVE";
    public const string Expired = "EXPIRED";
    public const string Cancelled = "CANCELLED";
    public const string Depleted = "DEPLETED";
    public const string Deleted = "DELETED";
    public const string UsedExpired = "USED_EXPIRED";
}
