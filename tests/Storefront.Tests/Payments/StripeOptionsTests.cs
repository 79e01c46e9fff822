using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Payments;

namespace Storefront.Tests.Payments;

public class StripeOptionsTests
{
    [Fact]
    public void Missing_secret_key_fails_with_a_message_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Stripe:WebhookSecret"] = "whsec_x" })
            .Build();
        using var services = new ServiceCollection().AddStripePayments(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StripeOptions>>().Value);

        Assert.Contains("Stripe:SecretKey", error.Message);
    }

    [Fact]
    public void An_api_base_that_is_not_an_absolute_url_fails_with_a_message_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Stripe:SecretKey"] = "sk_test_1",
                ["Stripe:WebhookSecret"] = "whsec_x",
                ["Stripe:ApiBase"] = "/sandbox/stripe",
            })
            .Build();
        using var services = new ServiceCollection().AddLogging().AddStripePayments(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StripeOptions>>().Value);

        Assert.Contains("Stripe:ApiBase must be an absolute http(s) URL", error.Message);
    }
}
