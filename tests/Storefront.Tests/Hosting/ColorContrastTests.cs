using Storefront.Infrastructure;

namespace Storefront.Tests.Hosting;

/// <summary>The contrast math behind the brand colours (WCAG 2 relative luminance and contrast ratio).</summary>
public sealed class ColorContrastTests
{
    [Theory]
    [InlineData("#000000", "#ffffff", 21.0)]
    [InlineData("#ffffff", "#ffffff", 1.0)]
    [InlineData("#777777", "#ffffff", 4.48)]
    [InlineData("#767676", "#ffffff", 4.54)]
    [InlineData("#0f766e", "#ffffff", 5.47)]
    [InlineData("#0000ff", "#ffffff", 8.59)]
    public void Ratio_matches_the_wcag_reference_values(string a, string b, double expected)
    {
        Assert.Equal(expected, ColorContrast.Ratio(a, b), 2);
        Assert.Equal(ColorContrast.Ratio(a, b), ColorContrast.Ratio(b, a));
    }

    [Theory]
    [InlineData("#0f766e", "#ffffff")]
    [InlineData("#f59e0b", "#111827")]
    [InlineData("#fde047", "#111827")]
    [InlineData("#1e3a8a", "#ffffff")]
    public void Text_on_a_brand_colour_is_white_or_ink_whichever_reads_better(string background, string expected) =>
        Assert.Equal(expected, ColorContrast.TextOn(background));

    [Fact]
    public void A_readable_brand_colour_is_used_as_text_unchanged() =>
        Assert.Equal("#0f766e", ColorContrast.ReadableOn("#0f766e"));

    [Fact]
    public void A_light_brand_colour_is_darkened_only_as_far_as_needed_to_read_as_text()
    {
        var shade = ColorContrast.ReadableOn("#f59e0b");
        Assert.InRange(ColorContrast.Ratio(shade, "#ffffff"), 4.5, 5.0);
    }

    [Fact]
    public void Every_configurable_colour_gives_at_least_4_5_to_1_both_as_background_and_as_text()
    {
        for (var r = 0; r <= 255; r += 17)
        for (var g = 0; g <= 255; g += 17)
        for (var b = 0; b <= 255; b += 17)
        {
            var color = $"#{r:x2}{g:x2}{b:x2}";
            Assert.True(ColorContrast.Ratio(ColorContrast.TextOn(color), color) >= 4.5, $"text on {color}");
            Assert.True(ColorContrast.Ratio(ColorContrast.ReadableOn(color), "#ffffff") >= 4.5, $"{color} as text on white");
            Assert.True(ColorContrast.Ratio(ColorContrast.ReadableOn(color, "#f3f4f6"), "#f3f4f6") >= 4.5, $"{color} as text on grey");
        }
    }

    [Fact]
    public void A_colour_that_is_not_hex_is_refused() =>
        Assert.Throws<FormatException>(() => ColorContrast.Ratio("teal", "#ffffff"));
}
