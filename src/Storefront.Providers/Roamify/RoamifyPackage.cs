using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Roamify;

/// <summary>A package as the catalogue lists it. <see cref="Price"/> is the partner's cost.</summary>
public sealed record RoamifyPackage
{
    public const decimal UnlimitedDataAmount = 9007199254740991m;

    public string PackageId { get; init; } = "";
    public string Package { get; init; } = "";
    public string? Plan { get; init; }
    public string? Activation { get; init; }
    public int Day { get; init; }
    public decimal Price { get; init; }
    public bool IsUnlimited { get; init; }
    /// <summary>In <see cref="DataUnit"/>; unlimited packages say 2^53−1 (JavaScript's MAX_SAFE_INTEGER).</summary>
    public decimal DataAmount { get; init; }
    public string? DataUnit { get; init; }
    /// <summary>Not in the documented sample; a package without it is treated as not top-up-able.</summary>
    public bool? WithTopUp { get; init; }
    public bool? WithUsageCheck { get; init; }
    public bool? WithHotspot { get; init; }
    public bool? WithThrottle { get; init; }
    public RoamifyThrottle? Throttle { get; init; }
    public RoamifyRequirements? Requirements { get; init; }
}
