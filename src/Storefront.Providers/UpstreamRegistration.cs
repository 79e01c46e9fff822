using Microsoft.Extensions.Options;

namespace Storefront.Providers;

/// <summary>What every provider's Add…Provider registration shares.</summary>
public static class UpstreamRegistration
{
    /// <summary>
    /// The typed client of an upstream API at its base URL, with a trailing '/' so relative paths ("esim/provision")
    /// append to it. The factory's own loggers are removed: they print full request URLs, which carry ICCIDs; each
    /// client logs the operation and the ICCID's last digits instead.
    /// </summary>
    public static IHttpClientBuilder AddUpstreamClient<TClient, TOptions>(this IServiceCollection services,
        Func<TOptions, string> baseUrl, Func<TOptions, TimeSpan> timeout) where TClient : class where TOptions : class =>
        services.AddHttpClient<TClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<TOptions>>().Value;
                var uri = new Uri(baseUrl(options), UriKind.Absolute);
                http.BaseAddress = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
                http.Timeout = timeout(options);
            })
            .RemoveAllLoggers();

    /// <summary>
    /// Registers the adapter as the store's <see cref="IEsimProvider"/> and as each capability interface it implements,
    /// so that code which needs one (an <see cref="IResellerBalance"/>, say) can ask for it by type.
    /// </summary>
    public static IServiceCollection AddAdapter<TAdapter>(this IServiceCollection services, Func<IServiceProvider, TAdapter> create)
        where TAdapter : class, IEsimProvider
    {
        services.AddTransient(create);
        services.AddTransient<IEsimProvider>(sp => sp.GetRequiredService<TAdapter>());
        foreach (var capability in typeof(TAdapter).GetInterfaces()
                     .Where(i => i != typeof(IEsimProvider) && i.Namespace == typeof(IEsimProvider).Namespace))
            services.AddTransient(capability, sp => sp.GetRequiredService<TAdapter>());
        return services;
    }

    public static bool IsAbsoluteUrl(string? value) => Uri.TryCreate(value, UriKind.Absolute, out _);
}
