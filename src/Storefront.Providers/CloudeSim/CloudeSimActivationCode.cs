using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.CloudeSim;

public static class CloudeSimActivationCode
{
    /// <summary>
    /// Turns <c>ac</c> into a full SGP.22 string (docs/providers/cloudesim.md §3.2): <c>LPA:1$…</c> as is, <c>1$…</c>
    /// or <c>host$id</c> with the prefix added, a bare matching id completed with <paramref name="smdpAddress"/>. Null
    /// when <c>ac</c> is bare and no SM-DP+ address is known: the code alone cannot install anything.
    /// </summary>
    public static string? Normalise(string? ac, string? smdpAddress)
    {
        var code = ac?.Trim();
        if (string.IsNullOrEmpty(code)) return null;
        if (code.StartsWith("LPA:", StringComparison.OrdinalIgnoreCase)) return "LPA:" + code[4..];
        if (code.StartsWith("1$", StringComparison.Ordinal)) return "LPA:" + code;
        if (code.Contains('$')) return "LPA:1$" + code;
        return string.IsNullOrWhiteSpace(smdpAddress) ? null : $"LPA:1${smdpAddress.Trim()}${code}";
    }
}
