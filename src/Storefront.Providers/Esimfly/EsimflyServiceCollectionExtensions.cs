using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Storefront.Providers.Esimfly;

public static class EsimflyServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EsimflyOptions"/> (section "Esimfly", validated at start), the process-wide
    /// <see cref="EsimflyRateLimiter"/> and <see cref="EsimflyPurchaseJournal"/>, the signed typed <see cref="EsimflyClient"/>
    /// and <see cref="EsimflyProvider"/> as <see cref="IEsimProvider"/>.
    /// </summary>
    public static IServiceCollection AddEsimflyProvider(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EsimflyOptions>()
            .Bind(configuration.GetSection(EsimflyOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.AccessCode), "Esimfly:AccessCode is required (the Business API access code, esf_…).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.SecretKey), "Esimfly:SecretKey is required (the Business API secret key, sk_…).")
            .Validate(o => UpstreamRegistration.IsAbsoluteUrl(o.BaseUrl), "Esimfly:BaseUrl must be an absolute URL.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "Esimfly:Timeout must be positive.")
            .Validate(o => o.OrderPollInterval > TimeSpan.Zero, "Esimfly:OrderPollInterval must be positive.")
            .Validate(o => o.RateLimitPerHour > 0, "Esimfly:RateLimitPerHour must be positive.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new EsimflyRateLimiter(sp.GetRequiredService<IOptions<EsimflyOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new EsimflyPurchaseJournal(sp.GetRequiredService<TimeProvider>()));
        services.TryAddTransient(sp => new EsimflySigningHandler(sp.GetRequiredService<IOptions<EsimflyOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddUpstreamClient<EsimflyClient, EsimflyOptions>(o => o.BaseUrl, o => o.Timeout)
            .AddHttpMessageHandler<EsimflySigningHandler>();
        services.AddAdapter(sp => ActivatorUtilities.CreateInstance<EsimflyProvider>(sp));
        return services;
    }
}
