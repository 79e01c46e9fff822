using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Storefront.Infrastructure;

/// <summary>
/// The address this process listens on (known only once the server has started) and the public URL customers see.
/// The sandbox's redirect sends the real clients to the in-process simulators at this address, over real HTTP.
/// </summary>
public sealed class SelfAddress(IServiceProvider services, IOptions<StoreOptions> store)
{
    private Uri? _listening;

    public Uri Listening => _listening ??= ListeningAddress(services)
        ?? throw new InvalidOperationException("The server has no listening address yet.");

    public Uri Public => string.IsNullOrWhiteSpace(store.Value.PublicUrl)
        ? Listening
        : new Uri(store.Value.PublicUrl.TrimEnd('/') + "/");

    public Uri CombinePublic(string relative) => new(Public, relative.TrimStart('/'));

    /// <summary>
    /// The first address the server listens on (http preferred), ending in '/', with wildcard hosts (http://[::]:5080,
    /// http://+:5080) replaced by loopback so the process can call itself; null before the server has started.
    /// </summary>
    public static Uri? ListeningAddress(IServiceProvider services)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0) return null;
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.First();
        foreach (var wildcard in new[] { "://[::]", "://+", "://*", "://0.0.0.0" })
            address = address.Replace(wildcard, "://127.0.0.1", StringComparison.Ordinal);
        return new Uri(address.TrimEnd('/') + "/");
    }
}
