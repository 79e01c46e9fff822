using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Storefront.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the "Stripe" section at start, and registers <see cref="StripeClient"/> as a typed
    /// HttpClient. The API base comes from <paramref name="apiBase"/> when given (evaluated each time a client is
    /// created, so it may depend on the app's own address), else from <see cref="StripeOptions.ApiBase"/>.
    /// </summary>
    public static IServiceCollection AddStripePayments(
        this IServiceCollection services,
        IConfiguration configuration,
        Func<IServiceProvider, Uri>? apiBase = null)
    {
        services.AddOptions<StripeOptions>()
            .Bind(configuration.GetSection(StripeOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StripeOptions>, StripeOptionsValidator>());

        services.AddHttpClient<StripeClient>((provider, http) =>
        {
            var baseAddress = apiBase?.Invoke(provider)
                ?? AppSelfAddress.Resolve(provider, provider.GetRequiredService<IOptions<StripeOptions>>().Value.ApiBase);
            http.BaseAddress = WithTrailingSlash(baseAddress);
            // Each attempt has its own timeout (StripeOptions.Timeout) so that a timed-out attempt can be retried.
            http.Timeout = Timeout.InfiniteTimeSpan;
            http.DefaultRequestHeaders.UserAgent.ParseAdd("Storefront-Stripe/1.0");
        });
        return services;
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
