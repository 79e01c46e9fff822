using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Storefront.Email;
using Storefront.Infrastructure;
using Storefront.Jobs;
using Storefront.Tests.Support;

namespace Storefront.Tests.Email;

/// <summary>
/// Which SMTP failures the work queue retries and which it gives up on at once: a refusal that will be repeated
/// (5xx for the recipient or the message) is permanent, anything else may pass later.
/// </summary>
public sealed class SmtpFailureTests
{
    private const string Recipient = "maria.garcia@example.com";

    [Fact]
    public async Task A_recipient_refused_for_good_is_a_permanent_failure_that_does_not_name_the_address()
    {
        await using var server = SmtpRelay.Start(rcptReply: "550 5.1.1 <maria.garcia@example.com>: no such user");

        var failure = await Assert.ThrowsAsync<PermanentFailureException>(() => SendAsync(server.Port));

        Assert.Contains("550", failure.Message);
        Assert.DoesNotContain(Recipient, failure.Message);
    }

    [Fact]
    public async Task A_message_refused_for_good_is_a_permanent_failure()
    {
        await using var server = SmtpRelay.Start(dataReply: "554 5.7.1 message rejected");

        var failure = await Assert.ThrowsAsync<PermanentFailureException>(() => SendAsync(server.Port));

        Assert.Contains("554", failure.Message);
    }

    [Fact]
    public async Task A_temporary_refusal_is_left_to_the_retries()
    {
        await using var server = SmtpRelay.Start(rcptReply: "451 4.3.0 try again later");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(server.Port));

        Assert.IsNotType<PermanentFailureException>(failure);
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_left_to_the_retries()
    {
        var port = SmtpRelay.FreePort();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(port));

        Assert.IsNotType<PermanentFailureException>(failure);
    }

    private static Task SendAsync(int port)
    {
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None };
        var sender = new SmtpEmailSender(Options.Create(smtp), Options.Create(new BrandOptions()),
            new HostingEnvironment { ContentRootPath = Path.GetTempPath() }, NullLogger<SmtpEmailSender>.Instance);
        return sender.SendAsync(new EmailMessage(Recipient, "Maria Garcia", "Hello", "<p>Hello</p>", "Hello"), CancellationToken.None);
    }
}
