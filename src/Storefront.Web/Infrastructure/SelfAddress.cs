using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Storefront.Infrastructure;

/// <summary>
/// The address this process listens on (known only once the server has started) and the public URL customers see.
/// The sandbox adapters call the in-process simulators through it, over real HTTP.
/// </summary>
public sealed class SelfAddress(IServer server, IOptions<StoreOptions> store)
{
    private Uri? _listening;

    public Uri Listening => _listening ??= Resolve();

    public Uri Public => string.IsNullOrWhiteSpace(store.Value.PublicUrl)
        ? Listening
        : new Uri(store.Value.PublicUrl.TrimEnd('/') + "/");

    public Uri Combine(string relative) => new(Listening, relative.TrimStart('/'));

    public Uri CombinePublic(string relative) => new(Public, relative.TrimStart('/'));

    private Uri Resolve()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no listening address yet.");
        // Kestrel reports wildcard bindings as http://[::]:5080 or http://+:5080; call ourselves on loopback.
        address = address.Replace("://[::]", "://127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1")
            .Replace("://0.0.0.0", "://127.0.0.1");
        return new Uri(address.TrimEnd('/') + "/");
    }
}
