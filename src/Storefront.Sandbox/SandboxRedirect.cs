using Storefront.Infrastructure;

namespace Storefront.Sandbox;

/// <summary>
/// Sends the real clients' requests to the in-process simulators. The sandbox configures each simulated service's base
/// URL as <c>http://&lt;name&gt;.sandbox.invalid/</c> (a name that can never resolve, RFC 2606), and this handler, on every
/// HTTP client of the app, rewrites such a request to <c>&lt;the app's own address&gt;/sandbox/&lt;name&gt;/…</c>, which is
/// known only once the server listens. The production code keeps its real base URLs and never hears of the sandbox.
/// </summary>
public sealed class SandboxRedirect(IServiceProvider services) : DelegatingHandler
{
    public const string HostSuffix = ".sandbox.invalid";

    public static string BaseUrl(string name) => $"http://{name}{HostSuffix}/";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.Host.EndsWith(HostSuffix, StringComparison.OrdinalIgnoreCase))
        {
            var name = uri.Host[..^HostSuffix.Length];
            var self = SelfAddress.ListeningAddress(services)
                ?? throw new InvalidOperationException($"The sandbox {name} simulator is reachable only once the server listens.");
            request.RequestUri = new Uri(self, $"sandbox/{name}{uri.PathAndQuery}");
        }
        return base.SendAsync(request, cancellationToken);
    }
}
