using Microsoft.Extensions.Options;
using Storefront.Infrastructure;
using Storefront.Payments;
using Storefront.Payments.Simulator;
using Storefront.Providers;
using Storefront.Providers.Citrus;
using Storefront.Providers.Citrus.Simulator;

namespace Storefront.Sandbox;

public static class SandboxExtensions
{
    public const string StripePrefix = "/sandbox/stripe";

    /// <summary>
    /// Decides which parts run on simulators (those without real credentials), refuses that in Production, and
    /// points the real adapters at the in-process simulators, which they reach over HTTP at the app's own address.
    /// </summary>
    public static WebApplicationBuilder AddSandbox(this WebApplicationBuilder builder)
    {
        var sandbox = SandboxMode.From(builder.Configuration);
        if (sandbox.AnyPart && builder.Environment.IsProduction())
            throw new OptionsValidationException("Sandbox", typeof(SandboxMode),
                [$"The sandbox cannot run in the Production environment. Still simulated: {string.Join("; ", sandbox.SimulatedParts())}."]);
        builder.Services.AddSingleton(sandbox);

        var overrides = new Dictionary<string, string?>();
        if (sandbox.Payments)
        {
            overrides["Stripe:SecretKey"] = "sk_test_sandbox";
            overrides["Stripe:WebhookSecret"] = sandbox.StripeWebhookSecret;
            overrides["Stripe:ApiBase"] = StripePrefix;
            builder.Services.AddStripeSimulator(o =>
            {
                builder.Configuration.GetSection(StripeSimulatorOptions.SectionName).Bind(o);
                o.WebhookSecret = sandbox.StripeWebhookSecret;
                o.WebhookUrl = "/webhooks/stripe";
                o.MerchantName = builder.Configuration["Brand:Name"] ?? o.MerchantName;
            });
        }
        if (sandbox.Provider && UpstreamProviders.Find(sandbox.ProviderName) is { } provider)
        {
            foreach (var (key, value) in provider.SandboxCredentials) overrides[key] = value;
            provider.AddSimulator(builder.Services);
        }
        builder.Configuration.AddInMemoryCollection(overrides);
        return builder;
    }

    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        builder.Services.AddStripePayments(builder.Configuration,
            sp => sp.GetRequiredService<SandboxMode>().Payments
                ? sp.GetRequiredService<SelfAddress>().Combine(StripePrefix.TrimStart('/') + "/")
                : new Uri(sp.GetRequiredService<IOptions<StripeOptions>>().Value.ApiBase));
        return builder;
    }

    /// <summary>The one upstream provider named by Provider:Name, on its simulator while its credentials are missing.</summary>
    public static WebApplicationBuilder AddUpstreamProvider(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProviderOptions>().Bind(builder.Configuration.GetSection(ProviderOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => ProviderOptions.Known.Contains(o.Name.Trim().ToLowerInvariant()), $"Provider:Name must be one of {string.Join(", ", ProviderOptions.Known)}.")
            .ValidateOnStart();
        var sandbox = SandboxMode.Of(builder);
        var provider = UpstreamProviders.Find(sandbox.ProviderName)
            ?? throw new OptionsValidationException(ProviderOptions.Section, typeof(ProviderOptions),
                [$"Provider:Name must be one of {string.Join(", ", ProviderOptions.Known)}; '{sandbox.ProviderName}' is not."]);
        provider.AddProvider(builder.Services, builder.Configuration, sandbox.Provider ? SelfAddress.Under(provider.SandboxPrefix) : null);
        return builder;
    }

    public static WebApplication MapSandbox(this WebApplication app)
    {
        var sandbox = app.Services.GetRequiredService<SandboxMode>();
        if (sandbox.Payments) app.MapStripeSimulator(StripePrefix);
        if (sandbox.Provider && UpstreamProviders.Find(sandbox.ProviderName) is { } provider)
            provider.MapSimulator(app, provider.SandboxPrefix);
        return app;
    }
}
