namespace Storefront.Domain;

public enum WorkItemStatus { Pending, Running, Succeeded, Failed }
