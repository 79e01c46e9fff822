using Microsoft.Extensions.Options;

namespace Storefront.Providers.Citrus;

public static class CitrusServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CitrusOptions"/> (section "Citrus", validated at start), the typed <see cref="CitrusClient"/>
    /// and <see cref="CitrusProvider"/> as <see cref="IEsimProvider"/>.
    /// </summary>
    public static IServiceCollection AddCitrusProvider(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CitrusOptions>()
            .Bind(configuration.GetSection(CitrusOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApiKey), "Citrus:ApiKey is required (the reseller key, rsk_…).")
            .Validate(o => UpstreamRegistration.IsAbsoluteUrl(o.BaseUrl),
                "Citrus:BaseUrl must be an absolute URL.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "Citrus:Timeout must be positive.")
            .ValidateOnStart();

        // Citrus allows 100 requests a minute (docs/providers/citrus.md §2.1): work queues here rather than be refused.
        services.AddUpstreamClient<CitrusClient, CitrusOptions>(o => o.BaseUrl, o => o.Timeout)
            .AddPacing(CitrusProvider.ProviderName, configuration.GetValue<int?>("Citrus:RateLimitPerMinute") ?? 100);
        services.AddAdapter(sp => new CitrusProvider(
            sp.GetRequiredService<CitrusClient>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
