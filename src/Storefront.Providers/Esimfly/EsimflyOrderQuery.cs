using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Esimfly;

/// <summary>Filters of GET /orders; dates are inclusive, <see cref="Search"/> matches reference, package name or code.</summary>
public sealed record EsimflyOrderQuery
{
    public string? Search { get; init; }
    public string? Status { get; init; }
    public DateOnly? FromDate { get; init; }
    public DateOnly? ToDate { get; init; }
    public string? SortBy { get; init; }
    public string? SortOrder { get; init; }
    public int Page { get; init; } = 1;
    public int Limit { get; init; } = EsimflyClient.MaxPageSize;
}
