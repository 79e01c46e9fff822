using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stripe;

namespace Storefront.Payments;

public static class PaymentsServiceCollectionExtensions
{
    internal const string HttpClientName = "Stripe";

    /// <summary>
    /// Binds and validates the "Stripe" section at start, and registers Stripe.net's <see cref="IStripeClient"/>
    /// on an HttpClient from the factory, at <see cref="StripeOptions.ApiBase"/>.
    /// </summary>
    public static IServiceCollection AddStripePayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StripeOptions>()
            .Bind(configuration.GetSection(StripeOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StripeOptions>, StripeOptionsValidator>());

        // No request logging: Stripe's URLs carry checkout session ids.
        services.AddHttpClient(HttpClientName, http => http.Timeout = SystemNetHttpClient.DefaultHttpTimeout).RemoveAllLoggers();
        // Transient, so that every client takes a fresh HttpClient from the factory (pooled handlers, DNS refresh).
        services.TryAddTransient<IStripeClient>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StripeOptions>>().Value;
            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            return new StripeClient(new StripeClientOptions
            {
                ApiKey = options.SecretKey,
                ApiBase = options.ApiBase.TrimEnd('/'),
                // The library retries connection errors, 409 and 5xx with backoff, reusing the POST's idempotency key.
                HttpClient = new SystemNetHttpClient(http, options.MaxNetworkRetries, new AppInfo { Name = "Storefront" }, enableTelemetry: false),
            });
        });
        return services;
    }

}
