using System.Globalization;

namespace Storefront.Sandbox.Payments;

/// <summary>
/// Stripe's parameters, assembled Rack-style from the query string and the form body: <c>a[b][c]=v</c> nests,
/// <c>a[0]=v</c> and <c>a[]=v</c> both make arrays. Every read marks the parameter as used, so whatever a route
/// did not read is reported as an unknown parameter, as Stripe does.
/// </summary>
internal abstract class ParamNode(string name)
{
    /// <summary>The full bracketed name, as Stripe reports it in <c>error.param</c>.</summary>
    public string Name { get; } = name;

    public static ParamMap Parse(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var root = new ParamMap("");
        foreach (var (key, value) in pairs)
            root.Insert(SplitKey(key), 0, value);
        return root;
    }

    private static string[] SplitKey(string key)
    {
        var open = key.IndexOf('[');
        if (open <= 0)
            return [key];

        var segments = new List<string> { key[..open] };
        var position = open;
        while (position < key.Length)
        {
            var close = key.IndexOf(']', position);
            if (key[position] != '[' || close < 0)
                return [key];
            segments.Add(key[(position + 1)..close]);
            position = close + 1;
        }
        return [.. segments];
    }
}

internal sealed class ParamValue(string name, string value) : ParamNode(name)
{
    public string Value { get; } = value;
}

internal sealed class ParamList(string name) : ParamNode(name)
{
    public List<ParamNode> Items { get; } = [];
}

internal sealed class ParamMap(string name) : ParamNode(name)
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, ParamNode> _children = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public IEnumerable<string> Keys => _order;

    public bool Has(string key) => _children.ContainsKey(key);

    public string? String(string key) => Take(key) switch
    {
        null => null,
        ParamValue value => value.Value,
        var other => throw SimulatorApiError.Invalid($"Invalid string: {other.Name} must be a string.", other.Name),
    };

    public string RequiredString(string key)
    {
        var value = String(key);
        return string.IsNullOrEmpty(value) ? throw SimulatorApiError.Missing(ChildName(key)) : value;
    }

    public long? Integer(string key) => String(key) is { Length: > 0 } value ? ParseInteger(ChildName(key), value) : null;

    public bool? Boolean(string key)
    {
        var value = String(key);
        if (string.IsNullOrEmpty(value))
            return null;
        return bool.TryParse(value, out var flag)
            ? flag
            : throw SimulatorApiError.Invalid($"Invalid boolean: {value}", ChildName(key), "parameter_invalid_boolean");
    }

    /// <summary>An exact Unix time (<c>created=…</c>) or a range (<c>created[gte]=…&amp;created[lt]=…</c>).</summary>
    public (long? From, long? To) IntegerRange(string key)
    {
        switch (Take(key))
        {
            case null:
                return (null, null);
            case ParamValue value:
                var exact = ParseInteger(value.Name, value.Value);
                return (exact, exact);
            case ParamMap range:
                long? from = range.Integer("gte") ?? range.Integer("gt") + 1;
                long? to = range.Integer("lte") ?? range.Integer("lt") - 1;
                return (from, to);
            case var other:
                throw SimulatorApiError.Invalid($"Invalid range: {other.Name}", other.Name);
        }
    }

    private static long ParseInteger(string name, string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw SimulatorApiError.InvalidInteger(name, value);

    public ParamMap? Map(string key) => Take(key) switch
    {
        null => null,
        ParamMap map => map,
        ParamValue { Value: "" } => new ParamMap(ChildName(key)),
        var other => throw SimulatorApiError.Invalid($"Invalid object: {other.Name} must be a hash.", other.Name),
    };

    /// <summary>An array sent as <c>a[]</c> or <c>a[0]</c>; an empty value (<c>a=</c>) is the empty array.</summary>
    public IReadOnlyList<ParamNode>? List(string key)
    {
        switch (Take(key))
        {
            case null:
                return null;
            case ParamList list:
                return list.Items;
            case ParamValue { Value: "" }:
                return [];
            case ParamMap map when map.Keys.All(k => int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out _)):
                return [.. map.Keys.OrderBy(k => int.Parse(k, CultureInfo.InvariantCulture)).Select(k => map.Take(k)!)];
            case var other:
                throw SimulatorApiError.Invalid($"Invalid array: {other.Name} must be an array.", other.Name);
        }
    }

    public IReadOnlyList<string> Strings(string key) =>
        [.. (List(key) ?? []).Select(item => item is ParamValue value
            ? value.Value
            : throw SimulatorApiError.Invalid($"Invalid string: {item.Name} must be a string.", item.Name))];

    /// <summary>Metadata with Stripe's limits; an empty value unsets a key, so on create it is left out.</summary>
    public Dictionary<string, string>? Metadata(string key)
    {
        var map = Map(key);
        if (map is null)
            return null;

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in map.Keys.ToList())
        {
            var value = map.String(name)!;
            if (name.Length > MetadataLimits.MaxKeyLength)
                throw SimulatorApiError.Invalid($"Metadata keys can have up to {MetadataLimits.MaxKeyLength} characters.", map.ChildName(name));
            if (value.Length > MetadataLimits.MaxValueLength)
                throw SimulatorApiError.Invalid($"Metadata values can have up to {MetadataLimits.MaxValueLength} characters.", map.ChildName(name));
            if (value.Length > 0)
                metadata[name] = value;
        }
        if (metadata.Count > MetadataLimits.MaxKeys)
            throw SimulatorApiError.Invalid($"You can specify up to {MetadataLimits.MaxKeys} metadata keys.", map.Name);
        return metadata;
    }

    /// <summary>The first parameter no route read, by its full name.</summary>
    public string? FirstUnused()
    {
        foreach (var key in _order)
        {
            if (!_used.Contains(key))
                return _children[key].Name;
            var nested = _children[key] switch
            {
                ParamMap map => map.FirstUnused(),
                ParamList list => list.Items.OfType<ParamMap>().Select(m => m.FirstUnused()).FirstOrDefault(n => n is not null),
                _ => null,
            };
            if (nested is not null)
                return nested;
        }
        return null;
    }

    /// <summary>Every value with its full name, sorted: equal for requests that mean the same thing.</summary>
    public string Canonical()
    {
        var leaves = new List<string>();
        Collect(this, leaves);
        leaves.Sort(StringComparer.Ordinal);
        return string.Join('&', leaves);

        static void Collect(ParamNode node, List<string> leaves)
        {
            switch (node)
            {
                case ParamValue value:
                    leaves.Add(value.Name + "=" + value.Value);
                    break;
                case ParamList list:
                    list.Items.ForEach(item => Collect(item, leaves));
                    break;
                case ParamMap map:
                    foreach (var key in map._order)
                        Collect(map._children[key], leaves);
                    break;
            }
        }
    }

    public string ChildName(string key) => Name.Length == 0 ? key : $"{Name}[{key}]";

    internal void Insert(string[] segments, int index, string value)
    {
        var key = segments[index];
        var name = ChildName(key);
        if (key.Length == 0)
            throw SimulatorApiError.Invalid($"Invalid parameter name: {Name}[]", Name);

        if (index == segments.Length - 1)
        {
            Set(key, new ParamValue(name, value));
            return;
        }

        var startsArray = segments[index + 1].Length == 0;
        _children.TryGetValue(key, out var child);
        child ??= Set(key, startsArray ? new ParamList(name) : new ParamMap(name));
        switch (child)
        {
            case ParamList list when startsArray:
                InsertIntoList(list, segments, index + 1, value);
                break;
            case ParamMap map when !startsArray:
                map.Insert(segments, index + 1, value);
                break;
            default:
                throw SimulatorApiError.Invalid($"Invalid parameter: {name} is used both as a value and as a hash or array.", name);
        }
    }

    /// <summary>Rack's rule for <c>a[][x]=1&amp;a[][y]=2&amp;a[][x]=3</c>: a key already present starts a new element.</summary>
    private static void InsertIntoList(ParamList list, string[] segments, int index, string value)
    {
        var elementName = $"{list.Name}[{list.Items.Count}]";
        if (index == segments.Length - 1)
        {
            list.Items.Add(new ParamValue(elementName, value));
            return;
        }
        if (segments[index + 1].Length == 0)
            throw SimulatorApiError.Invalid($"Nested arrays are not supported: {list.Name}[][]", list.Name);

        if (list.Items.LastOrDefault() is not ParamMap element || element.HasPath(segments, index + 1))
        {
            element = new ParamMap(elementName);
            list.Items.Add(element);
        }
        element.Insert(segments, index + 1, value);
    }

    private bool HasPath(string[] segments, int index)
    {
        if (!_children.TryGetValue(segments[index], out var child))
            return false;
        if (index == segments.Length - 1 || segments[index + 1].Length == 0)
            return true;
        return child is not ParamMap map || map.HasPath(segments, index + 1);
    }

    private ParamNode Set(string key, ParamNode node)
    {
        if (!_children.ContainsKey(key))
            _order.Add(key);
        _children[key] = node;
        return node;
    }

    private ParamNode? Take(string key)
    {
        if (!_children.TryGetValue(key, out var node))
            return null;
        _used.Add(key);
        return node;
    }
}

/// <summary>Stripe's metadata limits (https://docs.stripe.com/api/metadata).</summary>
internal static class MetadataLimits
{
    public const int MaxKeys = 50;
    public const int MaxKeyLength = 40;
    public const int MaxValueLength = 500;
}
