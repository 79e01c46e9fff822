using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Payments;

/// <summary>Any Stripe API resource.</summary>
public abstract class StripeObject
{
    public string Id { get; init; } = "";

    public string? Object { get; init; }

    /// <summary>Set on objects returned directly by <see cref="StripeClient"/>; null on nested or event objects.</summary>
    [JsonIgnore]
    public StripeResponseInfo? LastResponse { get; internal set; }
}

/// <param name="RequestId">Stripe's <c>Request-Id</c>, to quote to Stripe support and to put in logs.</param>
/// <param name="IdempotentReplayed">True when Stripe answered with the saved response of an earlier request with the same key.</param>
public sealed record StripeResponseInfo(int StatusCode, string? RequestId, string? IdempotencyKey, bool IdempotentReplayed);

/// <summary>Stripe's paginated list envelope.</summary>
public sealed class StripeList<T>
{
    public List<T> Data { get; init; } = [];

    public bool HasMore { get; init; }

    public string? Url { get; init; }
}

/// <summary>
/// A field Stripe returns as an id (<c>"pi_123"</c>) unless the request asked to expand it, when it is the whole object.
/// </summary>
[JsonConverter(typeof(ExpandableJsonConverterFactory))]
public sealed class Expandable<T> where T : StripeObject
{
    public Expandable(string id) => Id = id;

    public Expandable(T expanded)
    {
        Id = expanded.Id;
        Expanded = expanded;
    }

    public string Id { get; }

    /// <summary>Null unless the request expanded this field.</summary>
    public T? Expanded { get; }

    public override string ToString() => Id;
}

internal sealed class ExpandableJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Expandable<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ExpandableJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class ExpandableJsonConverter<T> : JsonConverter<Expandable<T>> where T : StripeObject
    {
        public override Expandable<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType switch
            {
                JsonTokenType.String => new Expandable<T>(reader.GetString()!),
                JsonTokenType.StartObject => new Expandable<T>(JsonSerializer.Deserialize<T>(ref reader, options)!),
                _ => throw new JsonException($"Expected an id or an object for {typeof(T).Name}."),
            };

        public override void Write(Utf8JsonWriter writer, Expandable<T> value, JsonSerializerOptions options)
        {
            if (value.Expanded is null)
                writer.WriteStringValue(value.Id);
            else
                JsonSerializer.Serialize(writer, value.Expanded, options);
        }
    }
}
