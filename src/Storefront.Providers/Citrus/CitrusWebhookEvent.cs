using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Citrus;

/// <summary>One webhook delivery; deduplicate on <see cref="Id"/> (docs/providers/citrus.md §2.5).</summary>
public sealed record CitrusWebhookEvent(
    string Id,
    string Event,
    [property: JsonConverter(typeof(LenientTimestampConverter))] DateTimeOffset? CreatedAt,
    CitrusWebhookData Data);
