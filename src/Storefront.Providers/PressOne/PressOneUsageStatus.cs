using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.PressOne;

public static class PressOneUsageStatus
{
    public const string NotActive = "NOT_ACTIVE";
    public const string Active = "ACTIVE";
    public const string Finished = "FINISHED";
    public const string Unknown = "UNKNOWN";
    public const string Expired = "EXPIRED";
    public const string Recycled = "RECYCLED";
}
