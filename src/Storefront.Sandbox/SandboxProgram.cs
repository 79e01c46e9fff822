using Storefront.Infrastructure;

namespace Storefront.Sandbox;

/// <summary>
/// The embedded default (the README's first command): the whole store, as the production host builds it, with the
/// simulators added first. Sandbox:Enabled defaults to true here; set it (or Sandbox:Payments, Sandbox:Provider,
/// Sandbox:Mail) to false to use a real service.
/// </summary>
public sealed class SandboxProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddSandbox();
        builder.AddStorefront();
        var app = builder.Build();
        await app.RunStorefrontAsync(args, map: web => web.MapSandbox());
    }
}
