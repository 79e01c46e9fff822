using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Roamify;

public static class RoamifyGeography
{
    public const string Local = "local";
    public const string Regional = "regional";
    public const string Global = "global";
}
