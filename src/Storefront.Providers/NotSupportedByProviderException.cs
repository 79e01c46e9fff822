namespace Storefront.Providers;

/// <summary>The provider cannot answer this (e.g. whether an earlier order whose answer was lost went through).</summary>
public sealed class NotSupportedByProviderException(string provider, string operation)
    : Exception($"Provider '{provider}' does not support {operation}.");
