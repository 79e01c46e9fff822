using Microsoft.AspNetCore.DataProtection;
using Storefront.Domain;
using Storefront.Infrastructure;

namespace Storefront.Payments;

/// <summary>
/// Remembers which browser started a payment, so the success page shows install details to that browser only. The
/// success URL carries the Checkout Session id, which ends up in browser history, proxies and shared links; on its own
/// it shows that the order is paid and points to the emailed order link. The cookie holds the order id, encrypted and
/// time-limited with Data Protection (keys in the database, so any node can read it), and is sent only to the success
/// page.
/// </summary>
public sealed class PayingBrowser(IDataProtectionProvider protection, IHostEnvironment environment)
{
    public const string SuccessPath = "/checkout/success";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Storefront.Checkout.PayingBrowser.v1").ToTimeLimitedDataProtector();

    /// <summary>Called when the browser is sent to pay for <paramref name="order"/>.</summary>
    public void Remember(HttpResponse response, Order order) =>
        response.Cookies.Append(CookieName(order), _protector.Protect(order.Id.ToString("N"), Lifetime), new CookieOptions
        {
            Path = SuccessPath,
            HttpOnly = true,
            Secure = response.HttpContext.Request.IsHttps || !environment.RunsOnPlainHttp(),
            // Lax: the cookie still comes along on the top-level redirect back from Stripe's page.
            SameSite = SameSiteMode.Lax,
            MaxAge = Lifetime,
            IsEssential = true,
        });

    public bool Paid(HttpRequest request, Order order)
    {
        if (request.Cookies[CookieName(order)] is not { Length: > 0 } value) return false;
        try
        {
            return _protector.Unprotect(value, out _) == order.Id.ToString("N");
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private static string CookieName(Order order) => $"paid-{order.Number}";
}
