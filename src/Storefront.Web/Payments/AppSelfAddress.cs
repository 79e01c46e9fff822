
namespace Storefront.Payments;

/// <summary>
/// Turns a setting that is either an absolute URL or a path ("/sandbox/stripe") into an absolute URL, using the
/// address this application listens on for paths. The sandbox mounts the simulator inside the app, and the app only
/// learns its port once the server has started.
/// </summary>
internal static class AppSelfAddress
{
    public static bool IsAbsoluteHttpUrlOrPath(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && (value.StartsWith('/')
            || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)));

    public static Uri Resolve(IServiceProvider services, string urlOrPath)
    {
        if (!urlOrPath.StartsWith('/'))
            return new Uri(urlOrPath, UriKind.Absolute);

        var own = ListeningAddress(services)
            ?? throw new InvalidOperationException(
                $"'{urlOrPath}' is relative to this application's address, but the server has not started listening yet.");
        return new Uri(own, urlOrPath.TrimStart('/'));
    }

    private static Uri? ListeningAddress(IServiceProvider services) => Storefront.Infrastructure.SelfAddress.ListeningAddress(services);
}
