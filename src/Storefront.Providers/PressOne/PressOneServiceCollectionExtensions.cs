using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Storefront.Providers.PressOne;

public static class PressOneServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PressOneOptions"/> (section "PressOne", validated at start), the process-wide
    /// <see cref="PressOneTokenCache"/>, the typed <see cref="PressOneClient"/> and <see cref="PressOneProvider"/> as
    /// <see cref="IEsimProvider"/>.
    /// </summary>
    public static IServiceCollection AddPressOneProvider(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PressOneOptions>()
            .Bind(configuration.GetSection(PressOneOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClientId), "PressOne:ClientId is required (the API client id).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClientSecret), "PressOne:ClientSecret is required (the API client secret).")
            .Validate(o => UpstreamRegistration.IsAbsoluteUrl(o.BaseUrl),
                "PressOne:BaseUrl must be an absolute URL (the API root, above customer/v2/).")
            .Validate(o => o.Timeout > TimeSpan.Zero, "PressOne:Timeout must be positive.")
            .Validate(o => o.TokenLifetime > TimeSpan.Zero, "PressOne:TokenLifetime must be positive.")
            .Validate(o => o.PageSize is > 0 and <= 100, "PressOne:PageSize must be between 1 and 100.")
            .ValidateOnStart();

        services.TryAddSingleton(sp => new PressOneTokenCache(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddUpstreamClient<PressOneClient, PressOneOptions>(o => o.BaseUrl, o => o.Timeout);
        services.AddAdapter(sp => new PressOneProvider(
            sp.GetRequiredService<PressOneClient>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
