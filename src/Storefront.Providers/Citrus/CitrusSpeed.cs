using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Citrus;

[JsonConverter(typeof(JsonStringEnumConverter<CitrusSpeed>))]
public enum CitrusSpeed
{
    [JsonStringEnumMemberName("NO_LIMIT")] NoLimit,
    [JsonStringEnumMemberName("SPEED_100_KBPS")] Speed100Kbps,
    [JsonStringEnumMemberName("SPEED_250_KBPS")] Speed250Kbps,
    [JsonStringEnumMemberName("SPEED_500_KBPS")] Speed500Kbps,
    [JsonStringEnumMemberName("SPEED_1000_KBPS")] Speed1000Kbps,
    [JsonStringEnumMemberName("SPEED_2000_KBPS")] Speed2000Kbps,
    [JsonStringEnumMemberName("SPEED_5000_KBPS")] Speed5000Kbps,
}
