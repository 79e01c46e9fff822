namespace Storefront.Sandbox;

/// <summary>
/// Which parts of the store run against in-process simulators. Each part switches to the real service on its own,
/// as soon as its real credentials are configured; the sandbox refuses to start in the Production environment.
/// </summary>
public sealed class SandboxMode
{
    /// <summary>The setting whose presence switches each provider from its simulator to the real API.</summary>
    public static readonly IReadOnlyDictionary<string, string> ProviderCredential = new Dictionary<string, string>
    {
        ["citrus"] = "Citrus:ApiKey",
        ["cloudesim"] = "CloudeSim:ApiToken",
        ["esimfly"] = "Esimfly:AccessCode",
        ["roamify"] = "Roamify:AccessToken",
        ["pressone"] = "PressOne:ClientId",
    };

    public bool Payments { get; init; }
    public bool Provider { get; init; }
    public bool Mail { get; init; }
    public string ProviderName { get; init; } = "citrus";
    /// <summary>
    /// The sandbox's default webhook signing secret. It is public on purpose: the sandbox takes no real money, and the
    /// store acts on an event only after re-reading the session from the (simulated) API, so a forged event pays nothing.
    /// </summary>
    public const string DefaultStripeWebhookSecret = "whsec_sandbox_storefront_not_secret";

    /// <summary>
    /// The webhook signing secret shared by the Stripe simulator and the store in this process: Sandbox:Stripe:WebhookSecret,
    /// else <see cref="DefaultStripeWebhookSecret"/>. Known outside the process, so a tool (the Stripe CLI, a test) can
    /// sign events for the sandbox.
    /// </summary>
    public string StripeWebhookSecret { get; init; } = DefaultStripeWebhookSecret;

    public bool AnyPart => Payments || Provider || Mail;

    public IEnumerable<string> SimulatedParts()
    {
        if (Payments) yield return "payments (set Stripe:SecretKey and Stripe:WebhookSecret)";
        if (Provider) yield return $"eSIM provider {ProviderName} (set {ProviderCredential.GetValueOrDefault(ProviderName, "its API key")})";
        if (Mail) yield return "email (set Smtp:Host)";
    }

    /// <summary>The mode decided by <see cref="SandboxExtensions.AddSandbox"/>, before it put the simulators' credentials
    /// into the configuration.</summary>
    public static SandboxMode Of(WebApplicationBuilder builder) =>
        builder.Services.LastOrDefault(d => d.ServiceType == typeof(SandboxMode))?.ImplementationInstance as SandboxMode
        ?? throw new InvalidOperationException("Call AddSandbox() before the parts it configures.");

    public static SandboxMode From(IConfiguration configuration)
    {
        var provider = (configuration["Provider:Name"] ?? "citrus").Trim().ToLowerInvariant();
        return new SandboxMode
        {
            ProviderName = provider,
            Payments = string.IsNullOrWhiteSpace(configuration["Stripe:SecretKey"]),
            StripeWebhookSecret = configuration["Sandbox:Stripe:WebhookSecret"] is { Length: > 0 } secret ? secret : DefaultStripeWebhookSecret,
            Provider = ProviderCredential.TryGetValue(provider, out var key) && string.IsNullOrWhiteSpace(configuration[key]),
            Mail = string.IsNullOrWhiteSpace(configuration["Smtp:Host"]),
        };
    }
}
