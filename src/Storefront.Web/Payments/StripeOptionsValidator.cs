using Microsoft.Extensions.Options;

namespace Storefront.Payments;

internal sealed class StripeOptionsValidator : IValidateOptions<StripeOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeOptions options)
    {
        var failures = new List<string>();
        var section = StripeOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.SecretKey))
            failures.Add($"{section}:SecretKey is missing: set the Stripe secret key (sk_test_… or sk_live_…).");
        else if (!options.SecretKey.StartsWith("sk_", StringComparison.Ordinal) && !options.SecretKey.StartsWith("rk_", StringComparison.Ordinal))
            failures.Add($"{section}:SecretKey must be a Stripe secret or restricted key (sk_… or rk_…).");

        if (string.IsNullOrWhiteSpace(options.WebhookSecret))
            failures.Add($"{section}:WebhookSecret is missing: set the endpoint's signing secret (whsec_…).");
        else if (!options.WebhookSecret.StartsWith("whsec_", StringComparison.Ordinal))
            failures.Add($"{section}:WebhookSecret must be an endpoint signing secret (whsec_…).");

        if (!Uri.TryCreate(options.ApiBase, UriKind.Absolute, out var apiBase) || apiBase.Scheme is not ("http" or "https"))
            failures.Add($"{section}:ApiBase must be an absolute http(s) URL.");

        if (options.MaxNetworkRetries < 0)
            failures.Add($"{section}:MaxNetworkRetries must not be negative.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
