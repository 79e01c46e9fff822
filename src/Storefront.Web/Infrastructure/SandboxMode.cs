using Microsoft.Extensions.Options;

namespace Storefront.Infrastructure;

/// <summary>
/// Which parts of the store run against simulators. Decided by one explicit setting, <c>Sandbox:Enabled</c>, never
/// by a missing credential: when it is on, payments, the eSIM provider and email are all simulated, unless a part is
/// switched back to the real service with <c>Sandbox:Payments</c>, <c>Sandbox:Provider</c> or <c>Sandbox:Mail</c> = false.
/// The simulators live in the sandbox host (src/Storefront.Sandbox), which registers the mode before the store; the
/// production host carries none, so it refuses to start with the sandbox switched on.
/// </summary>
public sealed class SandboxMode
{
    public const string Section = "Sandbox";

    public static readonly SandboxMode Off = new();

    public bool Payments { get; init; }
    public bool Provider { get; init; }
    public bool Mail { get; init; }

    public bool AnyPart => Payments || Provider || Mail;

    /// <param name="enabledByDefault">What an absent Sandbox:Enabled means: true in the sandbox host (the embedded
    /// default runs with no configuration), false in the production host.</param>
    public static SandboxMode From(IConfiguration configuration, bool enabledByDefault)
    {
        var section = configuration.GetSection(Section);
        var enabled = section.GetValue("Enabled", enabledByDefault);
        return new SandboxMode
        {
            Payments = enabled && section.GetValue("Payments", true),
            Provider = enabled && section.GetValue("Provider", true),
            Mail = enabled && section.GetValue("Mail", true),
        };
    }

    /// <summary>What the sandbox banner says is simulated, e.g. "payments, eSIMs and emails are simulated".</summary>
    public string Notice()
    {
        var parts = new List<string>();
        if (Payments) parts.Add("payments");
        if (Provider) parts.Add("eSIMs");
        if (Mail) parts.Add("emails");
        var list = parts.Count > 1 ? $"{string.Join(", ", parts[..^1])} and {parts[^1]}" : string.Join("", parts);
        return $"{list} {(parts.Count == 1 ? "is" : "are")} simulated";
    }


    /// <summary>
    /// The mode the sandbox host registered, or <see cref="Off"/> in the production host, which refuses
    /// Sandbox:Enabled: a setting copied from a development machine must not quietly simulate a live store.
    /// </summary>
    public static SandboxMode Of(WebApplicationBuilder builder)
    {
        if (builder.Services.LastOrDefault(d => d.ServiceType == typeof(SandboxMode))?.ImplementationInstance is SandboxMode registered)
            return registered;
        if (From(builder.Configuration, enabledByDefault: false).AnyPart)
            throw new OptionsValidationException(Section, typeof(SandboxMode),
                ["Sandbox:Enabled is true, but this build carries no simulators: run the sandbox host (dotnet run --project src/Storefront.Sandbox) or set Sandbox:Enabled to false."]);
        builder.Services.AddSingleton(Off);
        return Off;
    }
}
