namespace Storefront.Domain;

public enum TopUpStep { NotStarted, Requested, Applied }
