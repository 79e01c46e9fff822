using Microsoft.Extensions.Options;

namespace Storefront.Infrastructure;

/// <summary>
/// The headers every response carries: a Content-Security-Policy that allows no inline script, nosniff, a referrer
/// policy and frame protection. A page may set its own Referrer-Policy or Cache-Control first (see
/// <see cref="KeepPrivate"/>); the defaults fill in only what is missing.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Hangfire's dashboard (staff only) writes inline scripts and styles, so its path gets a policy of its own.</summary>
    public const string JobsDashboardPath = "/admin/jobs";

    /// <summary>
    /// Scripts only from the store's own files (wwwroot/js). Styles also inline: the views and the simulators' pages
    /// use style attributes, and the brand colours are a &lt;style&gt; block set from configuration. Images: the store,
    /// QR codes as data: URIs, and the brand logo's origin when it is hosted elsewhere. Forms post to the store, which
    /// redirects to Stripe's hosted checkout (browsers check form-action on that redirect too).
    /// </summary>
    public static string StorePolicy(string? logoUrl)
    {
        var logo = Uri.TryCreate(logoUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? " " + uri.GetLeftPart(UriPartial.Authority)
            : "";
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
               $"img-src 'self' data:{logo}; font-src 'self'; connect-src 'self'; " +
               "form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    }

    public const string JobsDashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this WebApplication app)
    {
        var storePolicy = StorePolicy(app.Services.GetRequiredService<IOptions<BrandOptions>>().Value.LogoUrl);
        return app.Use((context, next) =>
        {
            var policy = context.Request.Path.StartsWithSegments(JobsDashboardPath) ? JobsDashboardPolicy : storePolicy;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                if (!headers.ContainsKey("Referrer-Policy"))
                    headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>
    /// For a page that shows what only its holder may see (an activation code, an order token in its URL): no cache
    /// keeps a copy, and no link followed from it sends its address on.
    /// </summary>
    public static void KeepPrivate(this HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    /// <summary>Development and the test suite run over plain HTTP on loopback; everywhere else the store is on HTTPS.</summary>
    public static bool RunsOnPlainHttp(this IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");
}
