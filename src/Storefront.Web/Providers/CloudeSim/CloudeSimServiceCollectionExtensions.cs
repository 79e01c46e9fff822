using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Storefront.Providers.CloudeSim;

public static partial class CloudeSimServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CloudeSimOptions"/> (section "CloudeSim", validated at start), the typed
    /// <see cref="CloudeSimClient"/>, the process's <see cref="CloudeSimCallJournal"/> and <see cref="CloudeSimProvider"/>
    /// as <see cref="IEsimProvider"/>. <paramref name="baseAddress"/> overrides CloudeSim:BaseUrl and is evaluated each
    /// time a client is created, so it may depend on something known only after the server has started (the sandbox
    /// points it at the app's own /sandbox/cloudesim/).
    /// </summary>
    public static IServiceCollection AddCloudeSimProvider(this IServiceCollection services, IConfiguration configuration,
        Func<IServiceProvider, Uri>? baseAddress = null)
    {
        services.AddOptions<CloudeSimOptions>()
            .Bind(configuration.GetSection(CloudeSimOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApiToken), "CloudeSim:ApiToken is required (the API token from the CloudeSIM dashboard).")
            .Validate(o => baseAddress is not null || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "CloudeSim:BaseUrl must be an absolute URL.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "CloudeSim:Timeout must be positive.")
            .Validate(o => o.ReadRetries >= 0, "CloudeSim:ReadRetries must not be negative.")
            .Validate(o => o.AllocationPollInterval > TimeSpan.Zero, "CloudeSim:AllocationPollInterval must be positive.")
            .Validate(o => o.AllocationTimeout >= TimeSpan.Zero, "CloudeSim:AllocationTimeout must not be negative.")
            .Validate(o => string.IsNullOrWhiteSpace(o.SmdpAddress) || HostName().IsMatch(o.SmdpAddress.Trim()),
                "CloudeSim:SmdpAddress must be a host name such as rsp.example.com (no scheme, no path).")
            .ValidateOnStart();

        services.AddHttpClient<CloudeSimClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<CloudeSimOptions>>().Value;
            var uri = baseAddress?.Invoke(sp) ?? new Uri(options.BaseUrl, UriKind.Absolute);
            // Relative paths ("esim/order") only append to a base that ends in '/'.
            http.BaseAddress = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
            http.Timeout = options.Timeout;
        })
        // The factory's own loggers print full request URLs; CloudeSimClient logs the operation and the ICCID's tail instead.
        .RemoveAllLoggers();
        services.TryAddSingleton(sp => new CloudeSimCallJournal(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddTransient<CloudeSimProvider>(sp => new CloudeSimProvider(
            sp.GetRequiredService<CloudeSimClient>(),
            sp.GetRequiredService<CloudeSimCallJournal>(),
            sp.GetRequiredService<IOptions<CloudeSimOptions>>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<CloudeSimProvider>>()));
        services.AddTransient<IEsimProvider>(sp => sp.GetRequiredService<CloudeSimProvider>());
        return services;
    }

    /// <summary>An SM-DP+ address is an FQDN, not a URL (docs/providers/common.md §1.1).</summary>
    [GeneratedRegex(@"^([a-zA-Z0-9]+(-[a-zA-Z0-9]+)*\.)+[a-zA-Z]{2,}$")]
    private static partial Regex HostName();
}
