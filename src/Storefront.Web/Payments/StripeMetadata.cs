namespace Storefront.Payments;

/// <summary>Stripe's metadata limits (https://docs.stripe.com/api/metadata), checked before sending.</summary>
internal static class StripeMetadata
{
    public const int MaxKeys = 50;
    public const int MaxKeyLength = 40;
    public const int MaxValueLength = 500;

    public static IReadOnlyDictionary<string, string>? Checked(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
            return null;
        if (metadata.Count > MaxKeys)
            throw new ArgumentException($"Metadata has {metadata.Count} keys; Stripe allows {MaxKeys}.");
        foreach (var (key, value) in metadata)
        {
            if (key.Length is 0 or > MaxKeyLength || key.Contains('[') || key.Contains(']'))
                throw new ArgumentException($"Metadata key '{key}' must be 1–{MaxKeyLength} characters without brackets.");
            if (value.Length > MaxValueLength)
                throw new ArgumentException($"Metadata value for '{key}' is longer than {MaxValueLength} characters.");
        }
        return metadata;
    }
}
