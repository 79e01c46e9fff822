namespace Storefront.Providers;

public sealed record WebhookRegistration(string Id, string? SigningSecret);
