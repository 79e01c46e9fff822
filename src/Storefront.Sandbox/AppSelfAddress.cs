
namespace Storefront.Sandbox;

/// <summary>
/// Turns a simulator setting that is either an absolute URL or a path ("/webhooks/stripe") into an absolute URL,
/// using the address this application listens on for paths: the simulators run inside the app, which learns its port
/// only once the server has started.
/// </summary>
public static class AppSelfAddress
{
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
