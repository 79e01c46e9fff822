using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Roamify;

public sealed record RoamifyOrderItemRequest(string PackageId, int Quantity);
