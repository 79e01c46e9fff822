using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.PressOne;

public static class PressOnePackageTypes
{
    public const string Local = "local";
    public const string Global = "global";
    public const string Sim = "sim";
    public const string TopUp = "topup";
}
