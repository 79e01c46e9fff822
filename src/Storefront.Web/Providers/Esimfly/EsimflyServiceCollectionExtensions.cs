using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Storefront.Providers.Esimfly;

public static class EsimflyServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EsimflyOptions"/> (section "Esimfly", validated at start), the process-wide
    /// <see cref="EsimflyRateLimiter"/> and <see cref="EsimflyPurchaseJournal"/>, the signed typed <see cref="EsimflyClient"/>
    /// and <see cref="EsimflyProvider"/> as <see cref="IEsimProvider"/>. <paramref name="baseAddress"/> overrides
    /// Esimfly:BaseUrl and is evaluated each time a client is created, so it may depend on something known only after the
    /// server has started (the sandbox points it at the app's own /sandbox/esimfly/).
    /// </summary>
    public static IServiceCollection AddEsimflyProvider(this IServiceCollection services, IConfiguration configuration,
        Func<IServiceProvider, Uri>? baseAddress = null)
    {
        services.AddOptions<EsimflyOptions>()
            .Bind(configuration.GetSection(EsimflyOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.AccessCode), "Esimfly:AccessCode is required (the Business API access code, esf_…).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.SecretKey), "Esimfly:SecretKey is required (the Business API secret key, sk_…).")
            .Validate(o => baseAddress is not null || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "Esimfly:BaseUrl must be an absolute URL.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "Esimfly:Timeout must be positive.")
            .Validate(o => o.OrderPollInterval > TimeSpan.Zero, "Esimfly:OrderPollInterval must be positive.")
            .Validate(o => o.RateLimitPerHour > 0, "Esimfly:RateLimitPerHour must be positive.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new EsimflyRateLimiter(sp.GetRequiredService<IOptions<EsimflyOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new EsimflyPurchaseJournal(sp.GetRequiredService<TimeProvider>()));
        services.TryAddTransient(sp => new EsimflySigningHandler(sp.GetRequiredService<IOptions<EsimflyOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient<EsimflyClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<EsimflyOptions>>().Value;
            var uri = baseAddress?.Invoke(sp) ?? new Uri(options.BaseUrl, UriKind.Absolute);
            // Relative paths ("esims/order") only append to a base that ends in '/'.
            http.BaseAddress = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
            http.Timeout = options.Timeout;
        })
        .AddHttpMessageHandler<EsimflySigningHandler>()
        // The factory's own loggers print full request URLs; EsimflyClient logs the operation and the ICCID's tail instead.
        .RemoveAllLoggers();
        services.AddTransient<EsimflyProvider>();
        services.AddTransient<IEsimProvider>(sp => sp.GetRequiredService<EsimflyProvider>());
        return services;
    }
}
