using Microsoft.Extensions.Options;

namespace Storefront.Providers.Roamify;

public static class RoamifyServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RoamifyOptions"/> (section "Roamify", validated at start), the typed <see cref="RoamifyClient"/>
    /// and <see cref="RoamifyProvider"/> as <see cref="IEsimProvider"/>. <paramref name="baseAddress"/> overrides
    /// Roamify:BaseUrl and is evaluated each time a client is created, so it may depend on something known only after
    /// the server has started (the sandbox points it at the app's own /sandbox/roamify/).
    /// </summary>
    public static IServiceCollection AddRoamifyProvider(this IServiceCollection services, IConfiguration configuration,
        Func<IServiceProvider, Uri>? baseAddress = null)
    {
        services.AddOptions<RoamifyOptions>()
            .Bind(configuration.GetSection(RoamifyOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.AccessToken),
                "Roamify:AccessToken is required (the API key from the Roamify Partner Portal).")
            .Validate(o => baseAddress is not null || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _),
                "Roamify:BaseUrl must be an absolute URL (https://api.getroamify.com/ or https://api-dev.getroamify.com/).")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.ApplyTimeout > TimeSpan.Zero,
                "Roamify:Timeout and Roamify:ApplyTimeout must be positive.")
            .Validate(o => o.ApplyPollInterval > TimeSpan.Zero && o.ApplyWaitLimit >= o.ApplyPollInterval,
                "Roamify:ApplyPollInterval must be positive and no longer than Roamify:ApplyWaitLimit.")
            .Validate(o => o.PageSize is >= 1 and <= 1000, "Roamify:PageSize must be between 1 and 1000.")
            .ValidateOnStart();

        services.AddHttpClient<RoamifyClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<RoamifyOptions>>().Value;
            var uri = baseAddress?.Invoke(sp) ?? new Uri(options.BaseUrl, UriKind.Absolute);
            // Relative paths ("api/esim/order") only append to a base that ends in '/'.
            http.BaseAddress = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
            // RoamifyClient times each request itself: apply needs ≥ 90 s, the other calls far less.
            http.Timeout = Timeout.InfiniteTimeSpan;
        })
        // The factory's own loggers print full request URLs (with ICCIDs); RoamifyClient logs the operation and the ICCID's tail.
        .RemoveAllLoggers();
        services.AddTransient<RoamifyProvider>(sp => new RoamifyProvider(sp.GetRequiredService<RoamifyClient>(),
            sp.GetRequiredService<IOptions<RoamifyOptions>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddTransient<IEsimProvider>(sp => sp.GetRequiredService<RoamifyProvider>());
        return services;
    }
}
