using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.CloudeSim;

public static class CloudeSimPackageTypes
{
    public const string Base = "BASE";
    public const string TopUp = "TOPUP";
}
