namespace Storefront.Domain;

/// <summary>Small durable settings the store learns at run time (e.g. an upstream's webhook signing secret).</summary>
public sealed class StoreSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
