namespace Storefront.Domain;

public enum EsimState { Unknown, NotInstalled, Active, Suspended, Depleted, Expired, Terminated }
