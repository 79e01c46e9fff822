using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Esimfly;

public sealed record EsimflyLocation(
    [property: JsonPropertyName("locationName")] string? LocationName,
    [property: JsonPropertyName("locationLogo")] string? LocationLogo,
    [property: JsonPropertyName("operatorList")] IReadOnlyList<EsimflyOperator>? OperatorList);
