using System.ComponentModel.DataAnnotations;

namespace Storefront.Infrastructure;

/// <summary>Section "Provider": which upstream eSIM provider the store sells through.</summary>
public sealed class ProviderOptions
{
    public const string Section = "Provider";
    public static readonly string UnknownName = $"Provider:Name must be one of {string.Join(", ", Providers.ProviderModules.Names)};";

    [Required(ErrorMessage = "Provider:Name is required (citrus, cloudesim, esimfly, roamify or pressone).")]
    public string Name { get; set; } = "citrus";
}
