using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Storefront.Providers.PressOne;

public static class PressOneServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PressOneOptions"/> (section "PressOne", validated at start), the process-wide
    /// <see cref="PressOneTokenCache"/>, the typed <see cref="PressOneClient"/> and <see cref="PressOneProvider"/> as
    /// <see cref="IEsimProvider"/>. <paramref name="baseAddress"/> overrides PressOne:BaseUrl and is evaluated each time
    /// a client is created, so it may depend on something known only after the server has started (the sandbox points
    /// it at the app's own /sandbox/pressone/).
    /// </summary>
    public static IServiceCollection AddPressOneProvider(this IServiceCollection services, IConfiguration configuration,
        Func<IServiceProvider, Uri>? baseAddress = null)
    {
        services.AddOptions<PressOneOptions>()
            .Bind(configuration.GetSection(PressOneOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClientId), "PressOne:ClientId is required (the API client id).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClientSecret), "PressOne:ClientSecret is required (the API client secret).")
            .Validate(o => baseAddress is not null || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _),
                "PressOne:BaseUrl must be an absolute URL (the API root, above customer/v2/).")
            .Validate(o => o.Timeout > TimeSpan.Zero, "PressOne:Timeout must be positive.")
            .Validate(o => o.TokenLifetime > TimeSpan.Zero, "PressOne:TokenLifetime must be positive.")
            .Validate(o => o.PageSize is > 0 and <= 100, "PressOne:PageSize must be between 1 and 100.")
            .ValidateOnStart();

        services.TryAddSingleton(sp => new PressOneTokenCache(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddHttpClient<PressOneClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<PressOneOptions>>().Value;
            var uri = baseAddress?.Invoke(sp) ?? new Uri(options.BaseUrl, UriKind.Absolute);
            // Relative paths ("customer/v2/orders") only append to a base that ends in '/'.
            http.BaseAddress = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
            http.Timeout = options.Timeout;
        })
        // The factory's own loggers print full request URLs; PressOneClient logs the operation and the ICCID's tail instead.
        .RemoveAllLoggers();
        services.AddTransient<PressOneProvider>(sp => new PressOneProvider(
            sp.GetRequiredService<PressOneClient>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddTransient<IEsimProvider>(sp => sp.GetRequiredService<PressOneProvider>());
        return services;
    }
}
