using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Storefront.Providers.CloudeSim;

public static partial class CloudeSimServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CloudeSimOptions"/> (section "CloudeSim", validated at start), the typed
    /// <see cref="CloudeSimClient"/>, the process's <see cref="CloudeSimCallJournal"/> and <see cref="CloudeSimProvider"/>
    /// as <see cref="IEsimProvider"/>.
    /// </summary>
    public static IServiceCollection AddCloudeSimProvider(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CloudeSimOptions>()
            .Bind(configuration.GetSection(CloudeSimOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApiToken), "CloudeSim:ApiToken is required (the API token from the CloudeSIM dashboard).")
            .Validate(o => UpstreamRegistration.IsAbsoluteUrl(o.BaseUrl), "CloudeSim:BaseUrl must be an absolute URL.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "CloudeSim:Timeout must be positive.")
            .Validate(o => o.ReadRetries >= 0, "CloudeSim:ReadRetries must not be negative.")
            .Validate(o => o.AllocationPollInterval > TimeSpan.Zero, "CloudeSim:AllocationPollInterval must be positive.")
            .Validate(o => o.AllocationTimeout >= TimeSpan.Zero, "CloudeSim:AllocationTimeout must not be negative.")
            .Validate(o => string.IsNullOrWhiteSpace(o.SmdpAddress) || HostName().IsMatch(o.SmdpAddress.Trim()),
                "CloudeSim:SmdpAddress must be a host name such as rsp.example.com (no scheme, no path).")
            .ValidateOnStart();

        services.AddUpstreamClient<CloudeSimClient, CloudeSimOptions>(o => o.BaseUrl, o => o.Timeout);
        services.TryAddSingleton(sp => new CloudeSimCallJournal(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddAdapter(sp => new CloudeSimProvider(
            sp.GetRequiredService<CloudeSimClient>(),
            sp.GetRequiredService<CloudeSimCallJournal>(),
            sp.GetRequiredService<IOptions<CloudeSimOptions>>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<CloudeSimProvider>>()));
        return services;
    }

    /// <summary>An SM-DP+ address is an FQDN, not a URL (docs/providers/common.md §1.1).</summary>
    [GeneratedRegex(@"^([a-zA-Z0-9]+(-[a-zA-Z0-9]+)*\.)+[a-zA-Z]{2,}$")]
    private static partial Regex HostName();
}
