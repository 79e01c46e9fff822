using System.ComponentModel.DataAnnotations;

namespace Storefront.Infrastructure;

/// <summary>Section "Pricing": how upstream costs become retail prices.</summary>
public sealed class PricingOptions
{
    public const string Section = "Pricing";

    /// <summary>Retail per GB = upstream cost per GB × Markup.</summary>
    [Range(1.0, 100.0, ErrorMessage = "Pricing:Markup must be between 1.0 and 100.")]
    public decimal Markup { get; set; } = 1.4m;

    /// <summary>Plan sizes offered per country for wallet providers; empty means 1, 3, 5, 10 and 20 GB.</summary>
    // No initial values: the configuration binder appends to an array it finds, which would list every size twice.
    public decimal[] PlanSizesGb { get; set; } = [];

    public IEnumerable<decimal> EffectivePlanSizesGb => PlanSizesGb.Length == 0 ? [1, 3, 5, 10, 20] : PlanSizesGb.Distinct().Order();

    /// <summary>Extra on top of the plan's data at the cheapest network rate, funded to the wallet (percent).</summary>
    [Range(0.0, 200.0, ErrorMessage = "Pricing:FundBufferPercent must be between 0 and 200.")]
    public decimal FundBufferPercent { get; set; } = 10m;

    /// <summary>How retail prices are rounded: "ninety-nine" (up to x.99), "half" (up to x.00 or x.50), "cent" (up to the cent).</summary>
    [RegularExpression("^(ninety-nine|half|cent)$", ErrorMessage = "Pricing:Rounding must be ninety-nine, half or cent.")]
    public string Rounding { get; set; } = "ninety-nine";

    /// <summary>Upstream fee per eSIM created (Citrus charges $1.75 per provision).</summary>
    public decimal WalletProvisionFeeUsd { get; set; } = 1.75m;

    /// <summary>Card processing fee, counted as a cost so no plan sells at a loss.</summary>
    public decimal PaymentFeePercent { get; set; } = 2.9m;
    public decimal PaymentFeeFixed { get; set; } = 0.30m;
}
