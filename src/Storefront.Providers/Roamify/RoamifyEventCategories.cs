using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Roamify;

public static class RoamifyEventCategories
{
    public const string Esim = "esim";
    public const string Partner = "partner";
    public const string Affiliate = "affiliate";
}
