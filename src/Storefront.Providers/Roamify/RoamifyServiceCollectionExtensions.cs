using Microsoft.Extensions.Options;

namespace Storefront.Providers.Roamify;

public static class RoamifyServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RoamifyOptions"/> (section "Roamify", validated at start), the typed <see cref="RoamifyClient"/>
    /// and <see cref="RoamifyProvider"/> as <see cref="IEsimProvider"/>.
    /// </summary>
    public static IServiceCollection AddRoamifyProvider(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RoamifyOptions>()
            .Bind(configuration.GetSection(RoamifyOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.AccessToken),
                "Roamify:AccessToken is required (the API key from the Roamify Partner Portal).")
            .Validate(o => UpstreamRegistration.IsAbsoluteUrl(o.BaseUrl),
                "Roamify:BaseUrl must be an absolute URL (https://api.getroamify.com/ or https://api-dev.getroamify.com/).")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.ApplyTimeout > TimeSpan.Zero,
                "Roamify:Timeout and Roamify:ApplyTimeout must be positive.")
            .Validate(o => o.ApplyPollInterval > TimeSpan.Zero && o.ApplyWaitLimit >= o.ApplyPollInterval,
                "Roamify:ApplyPollInterval must be positive and no longer than Roamify:ApplyWaitLimit.")
            .Validate(o => o.PageSize is >= 1 and <= 1000, "Roamify:PageSize must be between 1 and 1000.")
            .ValidateOnStart();

        // RoamifyClient times each request itself: apply needs ≥ 90 s, the other calls far less.
        services.AddUpstreamClient<RoamifyClient, RoamifyOptions>(o => o.BaseUrl, _ => Timeout.InfiniteTimeSpan);
        services.AddAdapter(sp => new RoamifyProvider(sp.GetRequiredService<RoamifyClient>(),
            sp.GetRequiredService<IOptions<RoamifyOptions>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
