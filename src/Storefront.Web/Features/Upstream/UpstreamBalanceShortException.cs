using Storefront.Infrastructure;
using Storefront.Providers;

namespace Storefront.Features.Upstream;

/// <summary>An order was not started, or stopped, because the reseller balance upstream cannot pay for it.</summary>
public sealed class UpstreamBalanceShortException(string provider, string message, Exception? inner = null)
    : UpstreamException(provider, "BALANCE_SHORT", message, retryable: false, inner: inner);
