using Microsoft.Extensions.Options;

namespace Storefront.Providers.Citrus;

public static class CitrusServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CitrusOptions"/> (section "Citrus", validated at start), the typed <see cref="CitrusClient"/>
    /// and <see cref="CitrusProvider"/> as <see cref="IEsimProvider"/>. <paramref name="baseAddress"/> overrides
    /// Citrus:BaseUrl and is evaluated each time a client is created, so it may depend on something known only after
    /// the server has started (the sandbox points it at the app's own /sandbox/citrus/).
    /// </summary>
    public static IServiceCollection AddCitrusProvider(this IServiceCollection services, IConfiguration configuration,
        Func<IServiceProvider, Uri>? baseAddress = null)
    {
        services.AddOptions<CitrusOptions>()
            .Bind(configuration.GetSection(CitrusOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApiKey), "Citrus:ApiKey is required (the reseller key, rsk_…).")
            .Validate(o => baseAddress is not null || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _),
                "Citrus:BaseUrl must be an absolute URL.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "Citrus:Timeout must be positive.")
            .ValidateOnStart();

        services.AddHttpClient<CitrusClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<CitrusOptions>>().Value;
            var uri = baseAddress?.Invoke(sp) ?? new Uri(options.BaseUrl, UriKind.Absolute);
            // Relative paths ("esim/provision") only append to a base that ends in '/'.
            http.BaseAddress = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
            http.Timeout = options.Timeout;
        })
        // The factory's own loggers print full request URLs; CitrusClient logs the operation and the ICCID's tail instead.
        .RemoveAllLoggers();
        services.AddTransient<CitrusProvider>(sp => new CitrusProvider(
            sp.GetRequiredService<CitrusClient>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddTransient<IEsimProvider>(sp => sp.GetRequiredService<CitrusProvider>());
        return services;
    }
}
