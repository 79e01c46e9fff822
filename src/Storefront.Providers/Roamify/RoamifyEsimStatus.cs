using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Roamify;

/// <summary>
/// eSIM object statuses (docs/providers/roamify.md §2.5); events and webhooks add ACTIVATED, INACTIVE, DELETED,
/// DOWNLOADED.
/// </summary>
public static class RoamifyEsimStatus
{
    public const string New = "NEW";
    public const string Ready = "READY";
    public const string Installed = "INSTALLED";
    public const string Revoked = "REVOKED";
    public const string Expired = "EXPIRED";
    public const string Unknown = "UNKNOWN";
    public const string Downloaded = "DOWNLOADED";
    public const string Activated = "ACTIVATED";
    public const string Inactive = "INACTIVE";
    public const string Deleted = "DELETED";
}
