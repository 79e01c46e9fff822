using System.Globalization;

namespace Storefront.Infrastructure;

/// <summary>
/// WCAG 2 contrast between colours written #rrggbb. A reseller picks Brand:PrimaryColor and Brand:AccentColor freely;
/// the pages and emails take the text colour on those backgrounds, and the shade of them used as text, from here, so
/// every combination stays readable (at least 4.5:1) whatever colours are configured.
/// </summary>
public static class ColorContrast
{
    /// <summary>WCAG 2 AA for normal-size text.</summary>
    public const double MinimumForText = 4.5;

    public const string White = "#ffffff";
    /// <summary>The store's ink (site.css --ink), preferred to pure black for dark text.</summary>
    public const string Ink = "#111827";

    public static double Ratio(string a, string b)
    {
        var (la, lb) = (RelativeLuminance(a), RelativeLuminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>https://www.w3.org/TR/WCAG21/#dfn-relative-luminance</summary>
    public static double RelativeLuminance(string color)
    {
        var (r, g, b) = Parse(color);
        return 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(b);

        static double Linear(int channel)
        {
            var c = channel / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
    }

    /// <summary>
    /// Text on <paramref name="background"/>: white or the ink, whichever contrasts more, or pure black when neither
    /// reaches 4.5:1 (black or white always does: the worst background still gives 4.58:1 against one of them).
    /// </summary>
    public static string TextOn(string background)
    {
        var best = Ratio(White, background) >= Ratio(Ink, background) ? White : Ink;
        if (Ratio(best, background) >= MinimumForText) return best;
        return Ratio(White, background) >= Ratio("#000000", background) ? White : "#000000";
    }

    /// <summary>
    /// <paramref name="color"/> as text on <paramref name="background"/> (links, outlined buttons): the colour itself
    /// when it is readable, else the same hue mixed with black in small steps until it is.
    /// </summary>
    public static string ReadableOn(string color, string background = White)
    {
        for (var share = 1.0; share > 0; share -= 0.02)
        {
            var shade = Mix(color, "#000000", share);
            if (Ratio(shade, background) >= MinimumForText) return shade;
        }
        return "#000000";
    }

    /// <summary><paramref name="share"/> of <paramref name="color"/> mixed with the rest of <paramref name="other"/>.</summary>
    public static string Mix(string color, string other, double share)
    {
        var (r1, g1, b1) = Parse(color);
        var (r2, g2, b2) = Parse(other);
        int Channel(int a, int b) => (int)Math.Round(a * share + b * (1 - share));
        return Format(Channel(r1, r2), Channel(g1, g2), Channel(b1, b2));
    }

    private static (int R, int G, int B) Parse(string color)
    {
        if (color.Length != 7 || color[0] != '#' || !int.TryParse(color.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
            throw new FormatException($"'{color}' is not a colour like #0f766e.");
        return ((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }

    private static string Format(int r, int g, int b) => $"#{r:x2}{g:x2}{b:x2}";
}
