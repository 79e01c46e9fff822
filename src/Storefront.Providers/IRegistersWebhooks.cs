namespace Storefront.Providers;

/// <summary>A provider whose webhooks the store registers through its API (Citrus), receiving the signing secret once.</summary>
public interface IRegistersWebhooks
{
    /// <summary>Registers <paramref name="url"/> for the events the store acts on; the answer's signing secret may be
    /// missing (the caller checks).</summary>
    Task<WebhookRegistration> RegisterWebhookAsync(Uri url, CancellationToken ct);

    /// <summary>Removes a registration the store cannot use, so the upstream stops sending events nobody can verify.</summary>
    Task DeleteWebhookAsync(string id, CancellationToken ct);
}
