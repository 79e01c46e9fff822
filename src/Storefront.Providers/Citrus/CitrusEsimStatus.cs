using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Citrus;

public static class CitrusEsimStatus
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Terminated = "terminated";
}
