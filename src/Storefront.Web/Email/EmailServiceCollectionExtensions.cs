using Storefront.Infrastructure;

namespace Storefront.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>Mail over SMTP; into the pickup folder (/sandbox/mail) only when the sandbox simulates email.</summary>
    public static void AddEmail(this WebApplicationBuilder builder, SandboxMode sandbox)
    {
        builder.Services.AddOptions<SmtpOptions>().Bind(builder.Configuration.GetSection(SmtpOptions.Section)).ValidateDataAnnotations()
            .Validate(o => sandbox.Mail || !string.IsNullOrWhiteSpace(o.Host), "Smtp:Host is required: the SMTP relay the store sends its emails through.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
    }

}
