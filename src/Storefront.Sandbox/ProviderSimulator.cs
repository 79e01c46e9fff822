namespace Storefront.Sandbox;

/// <summary>
/// The simulator of one upstream provider: its services, its endpoints (mounted at /sandbox/&lt;name&gt;/), and the
/// credentials it accepts, which the sandbox puts into configuration so the real adapter starts as it would in production.
/// </summary>
public sealed record ProviderSimulator(
    string Name,
    Action<IServiceCollection> AddTo,
    Action<IEndpointRouteBuilder, string> Map,
    IReadOnlyDictionary<string, string> Credentials);
