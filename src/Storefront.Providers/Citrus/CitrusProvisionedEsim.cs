using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Citrus;

public sealed record CitrusProvisionedEsim : CitrusEsim
{
    /// <summary>Fee charged for the provision (1.75).</summary>
    public decimal? Cost { get; init; }
    /// <summary>Reseller balance after the fee.</summary>
    public decimal? BalanceRemaining { get; init; }
}
