namespace Storefront.Domain;

public sealed record NetworkRate(string Operator, decimal PerGbUsd);
