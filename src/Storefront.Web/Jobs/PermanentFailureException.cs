using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;

namespace Storefront.Jobs;

/// <summary>A failure that retrying cannot fix (e.g. the upstream refused the request as invalid).</summary>
public sealed class PermanentFailureException(string message, Exception? inner = null) : Exception(message, inner);
