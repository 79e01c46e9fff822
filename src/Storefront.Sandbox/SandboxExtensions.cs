using Microsoft.Extensions.Options;
using Storefront.Infrastructure;
using Storefront.Providers;
using Storefront.Sandbox.Payments;

namespace Storefront.Sandbox;

public static class SandboxExtensions
{
    /// <summary>
    /// Decides from Sandbox:Enabled (true unless set) which parts run on simulators, refuses that in Production, puts
    /// the simulators' credentials and <see cref="SandboxRedirect"/> base URLs into configuration, and registers the
    /// simulators. Call it before <see cref="HostingExtensions.AddStorefront"/>, which then finds the mode registered.
    /// </summary>
    public static WebApplicationBuilder AddSandbox(this WebApplicationBuilder builder)
    {
        var sandbox = SandboxMode.From(builder.Configuration, enabledByDefault: true);
        var simulator = ProviderSimulators.Find(ProviderName(builder.Configuration));
        if (sandbox.AnyPart && builder.Environment.IsProduction())
            throw new OptionsValidationException(SandboxMode.Section, typeof(SandboxMode),
                [$"The sandbox cannot run in the Production environment ({sandbox.Notice()}). " +
                 "Run the production host (src/Storefront.Web) with Stripe:SecretKey, Stripe:WebhookSecret, " +
                 $"{string.Join(", ", simulator?.Credentials.Keys ?? [])} and Smtp:Host."]);
        builder.Services.AddSingleton(sandbox);
        builder.Services.AddTransient<SandboxRedirect>();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<SandboxRedirect>());

        var overrides = new Dictionary<string, string?>();
        if (sandbox.Payments)
        {
            var webhookSecret = builder.Configuration["Sandbox:Stripe:WebhookSecret"] is { Length: > 0 } secret ? secret : DefaultStripeWebhookSecret;
            overrides["Stripe:SecretKey"] = "sk_test_sandbox";
            overrides["Stripe:WebhookSecret"] = webhookSecret;
            overrides["Stripe:ApiBase"] = SandboxRedirect.BaseUrl("stripe").TrimEnd('/');
            builder.Services.AddStripeSimulator(o =>
            {
                builder.Configuration.GetSection(StripeSimulatorOptions.SectionName).Bind(o);
                o.WebhookSecret = webhookSecret;
                o.WebhookUrl = "/webhooks/stripe";
                o.MerchantName = builder.Configuration["Brand:Name"] ?? o.MerchantName;
            });
        }
        if (sandbox.Provider && simulator is not null && ProviderModules.Find(simulator.Name) is { } module)
        {
            foreach (var (key, value) in simulator.Credentials) overrides[key] = value;
            overrides[$"{module.Section}:BaseUrl"] = SandboxRedirect.BaseUrl(simulator.Name);
            simulator.AddTo(builder.Services);
        }
        builder.Configuration.AddInMemoryCollection(overrides);
        return builder;
    }

    /// <summary>
    /// The sandbox's default webhook signing secret (Sandbox:Stripe:WebhookSecret overrides it). It is public on purpose:
    /// the sandbox takes no real money, and the store acts on an event only after re-reading the session from the
    /// (simulated) API, so a forged event pays nothing; known outside the process, a tool (the Stripe CLI, a test) can
    /// sign events for the sandbox.
    /// </summary>
    public const string DefaultStripeWebhookSecret = "whsec_sandbox_storefront_not_secret";

    /// <summary>Mounts the simulators of the simulated parts at /sandbox/&lt;name&gt;/ and the mail viewer.</summary>
    public static WebApplication MapSandbox(this WebApplication app)
    {
        var sandbox = app.Services.GetRequiredService<SandboxMode>();
        if (sandbox.Payments) app.MapStripeSimulator("/sandbox/stripe");
        if (sandbox.Provider && ProviderSimulators.Find(ProviderName(app.Configuration)) is { } simulator)
            simulator.Map(app, $"/sandbox/{simulator.Name}");
        return app;
    }

    private static string ProviderName(IConfiguration configuration) => configuration["Provider:Name"] ?? "citrus";
}
