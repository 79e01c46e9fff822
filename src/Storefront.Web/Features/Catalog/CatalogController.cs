using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace Storefront.Features.Catalog;

/// <summary>The catalogue pages: the same for every visitor, so served from the output cache (tag "catalog", cleared by
/// each catalogue sync).</summary>
public sealed class CatalogController(CatalogReader catalog, CatalogReadiness readiness) : Controller
{
    public const string CachePolicy = "catalog";

    private static readonly string[] Featured = ["JP", "US", "GB", "FR", "IT", "ES", "TH", "TR", "MX", "DE", "AU", "AE"];

    [HttpGet("/")]
    [OutputCache(PolicyName = CachePolicy)]
    public async Task<IActionResult> Home(CancellationToken ct)
    {
        if (!await readiness.IsOnSaleAsync(ct)) return Loading();
        var all = await catalog.DestinationsAsync(ct);
        var featured = Featured.Select(f => all.FirstOrDefault(d => d.Iso2 == f)).OfType<DestinationSummary>().ToList();
        return View(new HomeViewModel(featured.Count > 0 ? featured : all.Take(12).ToList(), all, Query: null));
    }

    /// <summary>Search by name or ISO code; an exact code or a single match goes straight to the country.</summary>
    [HttpGet("/destinations")]
    [OutputCache(PolicyName = CachePolicy)]
    public async Task<IActionResult> Search(string? q, CancellationToken ct)
    {
        if (!await readiness.IsOnSaleAsync(ct)) return Loading();
        var results = await catalog.SearchAsync(q ?? "", ct);
        if (!string.IsNullOrWhiteSpace(q) && (results.Count == 1 || (results.Count > 0 && results[0].Iso2.Equals(q.Trim(), StringComparison.OrdinalIgnoreCase))))
            return RedirectToAction(nameof(Country), new { iso2 = results[0].Iso2.ToLowerInvariant() });
        return View("Home", new HomeViewModel([], results, q));
    }

    [HttpGet("/destinations/{iso2:length(2)}")]
    [OutputCache(PolicyName = CachePolicy)]
    public async Task<IActionResult> Country(string iso2, bool cancelled, CancellationToken ct)
    {
        if (!await readiness.IsOnSaleAsync(ct)) return Loading();
        var page = await catalog.CountryAsync(iso2, ct);
        if (page is null) return NotFound();
        return View(new CountryViewModel(page, cancelled));
    }

    /// <summary>503 with Retry-After, so crawlers and monitors do not take the empty store for the real one (and the
    /// output cache, which keeps only 200s, does not keep it).</summary>
    private ViewResult Loading()
    {
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        Response.Headers.RetryAfter = "30";
        return View("CatalogLoading");
    }
}

public sealed record HomeViewModel(IReadOnlyList<DestinationSummary> Featured, IReadOnlyList<DestinationSummary> All, string? Query);

public sealed record CountryViewModel(CountryPage Page, bool PaymentCancelled);
