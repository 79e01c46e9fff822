namespace Storefront.Domain;

public enum Coverage { Local, Regional, Global }
