namespace Storefront.Providers;

/// <summary>A provider that tells the store about eSIM and account events at /webhooks/&lt;name&gt;.</summary>
public interface IWebhookEvents
{
    /// <summary>Verifies and parses a webhook the upstream sent. Returns null when the signature does not verify;
    /// throws <see cref="System.Text.Json.JsonException"/> when a verified body cannot be read.</summary>
    ProviderWebhookEvent? ParseWebhook(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, string? signingSecret);
}
