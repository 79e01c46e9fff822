using System.Globalization;
using System.Text;

namespace Storefront.Payments;

/// <summary>
/// Stripe's request encoding: application/x-www-form-urlencoded with Rack-style keys (<c>a[b][c]</c>, arrays as
/// <c>a[0]</c>), invariant culture, lowercase booleans and Unix seconds. Null values are left out.
/// </summary>
public sealed class StripeForm
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public StripeForm Add(string key, string? value)
    {
        if (value is not null)
            _pairs.Add(new(key, value));
        return this;
    }

    public StripeForm Add(string key, long? value) => Add(key, value?.ToString(CultureInfo.InvariantCulture));

    public StripeForm Add(string key, bool? value) => Add(key, value is null ? null : value.Value ? "true" : "false");

    public StripeForm Add(string key, DateTimeOffset? value) => Add(key, value?.ToUnixTimeSeconds());

    public StripeForm AddMap(string key, IReadOnlyDictionary<string, string>? map)
    {
        foreach (var (name, value) in map ?? new Dictionary<string, string>())
            Add($"{key}[{name}]", value);
        return this;
    }

    public StripeForm AddList(string key, IEnumerable<string>? values)
    {
        var index = 0;
        foreach (var value in values ?? [])
            Add($"{key}[{index++}]", value);
        return this;
    }

    /// <summary>
    /// Percent-encodes keys and values; like Stripe's own libraries it leaves the brackets in keys readable, which
    /// the API accepts either way.
    /// </summary>
    public string Encode()
    {
        var text = new StringBuilder();
        foreach (var (key, value) in _pairs)
        {
            if (text.Length > 0)
                text.Append('&');
            text.Append(Uri.EscapeDataString(key).Replace("%5B", "[").Replace("%5D", "]"))
                .Append('=')
                .Append(Uri.EscapeDataString(value));
        }
        return text.ToString();
    }
}
