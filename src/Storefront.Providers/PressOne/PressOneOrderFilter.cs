using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.PressOne;

/// <summary>Filters of <c>GET /orders</c>; <see cref="CreatedFrom"/>/<see cref="CreatedTo"/> form <c>filter[created_at]</c>.</summary>
public sealed record PressOneOrderFilter
{
    public string? Description { get; init; }
    public string? Iccid { get; init; }
    public string? Code { get; init; }
    public string? Status { get; init; }
    public DateOnly? CreatedFrom { get; init; }
    public DateOnly? CreatedTo { get; init; }
}
