using System.ComponentModel.DataAnnotations;

namespace Storefront.Infrastructure;

/// <summary>Section "Brand": everything the customer sees of the reseller.</summary>
public sealed class BrandOptions
{
    public const string Section = "Brand";

    [Required(ErrorMessage = "Brand:Name is required.")]
    public string Name { get; set; } = "Wanderlink";
    public string Tagline { get; set; } = "Travel data in minutes. No roaming bills.";
    /// <summary>URL or path of the logo; empty shows the name as a word mark.</summary>
    public string? LogoUrl { get; set; }
    [RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "Brand:PrimaryColor must be a colour like #0f766e.")]
    public string PrimaryColor { get; set; } = "#0f766e";
    [RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "Brand:AccentColor must be a colour like #f59e0b.")]
    public string AccentColor { get; set; } = "#f59e0b";
    [Required(ErrorMessage = "Brand:SupportEmail is required."), EmailAddress(ErrorMessage = "Brand:SupportEmail must be an email address.")]
    public string SupportEmail { get; set; } = "support@wanderlink.example";
    [Required(ErrorMessage = "Brand:SenderEmail is required."), EmailAddress(ErrorMessage = "Brand:SenderEmail must be an email address.")]
    public string SenderEmail { get; set; } = "orders@wanderlink.example";
    public string? SenderName { get; set; }
    public string LegalFooter { get; set; } = "Wanderlink is a trading name of Wanderlink Ltd. Prices include all taxes.";
}
