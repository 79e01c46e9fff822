namespace Storefront.Providers;

public enum ProviderEventKind { Other, Activated, BalanceLow, Depleted, Expired, ResellerBalanceLow, Test }
