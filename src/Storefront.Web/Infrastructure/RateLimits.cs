using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Storefront.Infrastructure;

/// <summary>
/// Section "RateLimits": each POST that costs the store something (an order and a Stripe session, an email, a password
/// check) is limited per client IP address.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>POST /checkout (and a top-up's POST): each one stores an order and opens a Stripe Checkout Session.</summary>
    public RateLimit Checkout { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(10) };

    /// <summary>POST /orders/find: each one can send an email.</summary>
    public RateLimit FindOrder { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(10) };

    /// <summary>The staff sign-in form's POST, against password guessing.</summary>
    public RateLimit AdminSignIn { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(10) };
}

/// <summary>The named rate-limiting policies, for <see cref="EnableRateLimitingAttribute"/> on the actions they guard.</summary>
public static class RateLimits
{
    public const string Checkout = "checkout";
    public const string FindOrder = "find-order";
    public const string AdminSignIn = "admin-sign-in";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => new[] { o.Checkout, o.FindOrder, o.AdminSignIn }.All(l => l.PermitLimit >= 1 && l.Window > TimeSpan.Zero),
                "RateLimits:Checkout, FindOrder and AdminSignIn each need a PermitLimit of at least 1 and a positive Window (e.g. 00:10:00).")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(Checkout, context => PerClient(context, l => l.Checkout));
            o.AddPolicy(FindOrder, context => PerClient(context, l => l.FindOrder));
            o.AddPolicy(AdminSignIn, context => PerClient(context, l => l.AdminSignIn));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => ShowTooManyRequestsAsync(context.HttpContext, context.Lease);
        });
        return builder;
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, Func<RateLimitOptions, RateLimit> pick)
    {
        var limit = pick(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        return RateLimitPartition.GetSlidingWindowLimiter(ClientKey(context.Connection.RemoteIpAddress), _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            SegmentsPerWindow = 10,
            QueueLimit = 0,
        });
    }

    /// <summary>
    /// The client's address; for IPv6 its /64 network, since one subscriber is usually given a whole /64 and could
    /// otherwise change address for every request. Behind a reverse proxy this is the proxy's address unless forwarded
    /// headers are enabled (ASPNETCORE_FORWARDEDHEADERS_ENABLED=true).
    /// </summary>
    internal static string ClientKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The store's own page, in its layout, saying when to try again (also sent as Retry-After).</summary>
    private static async ValueTask ShowTooManyRequestsAsync(HttpContext context, RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromMinutes(1);
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        var view = new ViewResult
        {
            ViewName = "TooManyRequests",
            StatusCode = StatusCodes.Status429TooManyRequests,
            ViewData = new(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), new())
            {
                Model = TimeSpan.FromSeconds(seconds),
            },
        };
        await view.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}
