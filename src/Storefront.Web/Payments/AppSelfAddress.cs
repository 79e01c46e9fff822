using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

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

    /// <summary>The first listening address (http preferred), with wildcard hosts replaced by loopback; ends in '/'.</summary>
    private static Uri? ListeningAddress(IServiceProvider services)
    {
        var addresses = (services.GetService(typeof(IServer)) as IServer)?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
            return null;

        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.First();
        var builder = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        builder.Host = builder.Host switch
        {
            "0.0.0.0" => "127.0.0.1",
            "[::]" or "::" => "[::1]",
            var host => host,
        };
        builder.Path = builder.Path.TrimEnd('/') + "/";
        return builder.Uri;
    }
}
