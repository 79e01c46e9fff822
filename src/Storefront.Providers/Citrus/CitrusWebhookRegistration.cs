using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Citrus;

/// <summary>The answer to a webhook registration: the only time Citrus shows <see cref="SigningSecret"/>.</summary>
public sealed record CitrusWebhookRegistration : CitrusWebhookInfo
{
    /// <summary>Null when the answer has no <c>signing_secret</c>: the registration is then unusable.</summary>
    public string? SigningSecret { get; init; }
}
