namespace Storefront.Domain;

/// <summary>A destination the store sells, refreshed from the upstream catalogue.</summary>
public sealed class Country
{
    public required string Iso2 { get; set; }
    public required string Name { get; set; }
    /// <summary>Networks and their per-GB cost, as "Operator|1.38" lines (wallet model); empty for package providers.</summary>
    public string Networks { get; set; } = "";
    public decimal? CheapestPerGbUsd { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }

    public IEnumerable<NetworkRate> NetworkRates => Networks
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split('|'))
        .Select(p => new NetworkRate(p[0], decimal.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)));

    public static string FormatNetworks(IEnumerable<NetworkRate> rates) =>
        string.Join('\n', rates.Select(r => $"{r.Operator.Replace('|', '/').Replace('\n', ' ')}|{r.PerGbUsd.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
}
