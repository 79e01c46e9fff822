using Microsoft.Extensions.Caching.Memory;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Features.Install;
using Storefront.Providers;

namespace Storefront.Features.Orders;

public sealed record OrderViewModel(
    string Token,
    string Number,
    string PlanName,
    string? CountryIso2,
    string CustomerEmail,
    string StatusLabel,
    Tone StatusTone,
    bool Ready,
    bool Waiting,
    string? Explanation,
    Money Paid,
    DateTimeOffset CreatedAt,
    IReadOnlyList<EsimViewModel> Esims,
    bool IsTopUp = false,
    string? OriginalToken = null,
    string? OriginalNumber = null);
