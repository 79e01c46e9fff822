using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.Roamify;

/// <summary>One entry of <c>GET /api/esim/countries</c>. <see cref="Code"/> is not unique: regional bundles reuse codes.</summary>
public sealed record RoamifyCountry(string Code, string Name);
