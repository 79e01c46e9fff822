using Microsoft.Extensions.Caching.Memory;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Features.Install;
using Storefront.Providers;

namespace Storefront.Features.Orders;

public enum Tone { Neutral, Ok, Warn, Bad }
