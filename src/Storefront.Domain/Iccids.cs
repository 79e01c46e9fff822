namespace Storefront.Domain;

public static class Iccids
{
    /// <summary>Logs and timelines show an ICCID's last four digits only, never the whole identifier of a customer's line.</summary>
    public static string Tail(string? iccid) => iccid is { Length: > 4 } ? "…" + iccid[^4..] : iccid ?? "?";
}
