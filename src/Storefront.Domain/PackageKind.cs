namespace Storefront.Domain;

public enum PackageKind { Initial, TopUp }
