namespace Storefront.Providers;

/// <summary>A verified upstream webhook, reduced to what the store acts on.</summary>
public sealed record ProviderWebhookEvent(string Id, ProviderEventKind Kind, string Type, string? Iccid, decimal? WalletBalanceUsd,
    decimal? ResellerBalanceUsd, DateTimeOffset? At);
