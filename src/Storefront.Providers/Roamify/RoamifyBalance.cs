using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Roamify;

public sealed record RoamifyBalance(decimal Balance, string? Currency);
