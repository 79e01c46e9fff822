using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Providers.CloudeSim;

/// <summary>Filters of <c>POST packages</c>; all optional (seed).</summary>
public sealed record CloudeSimPackageFilter(string? LocationCode = null, string? Type = null, string? PackageCode = null, string? Iccid = null);
