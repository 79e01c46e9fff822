using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Esimfly;

/// <summary>A catalogue package; <see cref="Cost"/> is the reseller's buy price. Pass <see cref="PackageCode"/> back verbatim.</summary>
public sealed record EsimflyPackage
{
    public string PackageCode { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Region { get; init; }
    public string? Type { get; init; }
    public decimal DataAmountGb { get; init; }
    public int ValidityDays { get; init; }
    public decimal Cost { get; init; }
    public string? Currency { get; init; }
    public EsimflyFeatures? Features { get; init; }
    public bool IsUnlimited { get; init; }
    public bool? HasVoice { get; init; }
    public bool? HasSms { get; init; }

    /// <summary>ISO2 codes; only newer answers carry them (CODE: esimfly-mcp).</summary>
    public IReadOnlyList<string>? Countries { get; init; }

    [JsonPropertyName("locationNetworkList")]
    public IReadOnlyList<EsimflyLocation>? LocationNetworkList { get; init; }
}
