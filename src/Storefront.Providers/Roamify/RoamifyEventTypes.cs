using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Roamify;

public static class RoamifyEventTypes
{
    public const string Status = "status";
    public const string Usage = "usage";
    public const string LowBalance = "low_balance";
    public const string InsufficientBalance = "insufficient_balance";
    public const string TopUp = "top_up";
}
