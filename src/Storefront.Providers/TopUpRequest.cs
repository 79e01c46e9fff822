namespace Storefront.Providers;

/// <param name="Reference">The store's own reference for this top-up, sent upstream where the API takes one.</param>
/// <param name="PackageId">Package providers: the upstream top-up package.</param>
/// <param name="AmountUsd">Wallet providers: the amount to add.</param>
public sealed record TopUpRequest(string Reference, string? PackageId, decimal? AmountUsd);
