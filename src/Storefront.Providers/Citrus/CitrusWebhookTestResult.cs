using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Citrus;

public sealed record CitrusWebhookTestResult(bool Delivered, int? StatusCode);
