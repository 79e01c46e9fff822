using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Roamify;

public sealed record RoamifyTopUpData(bool IsUnlimited, decimal? DataAmount, string? DataUnit);
