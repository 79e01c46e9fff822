using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Storefront.Email;
using Storefront.Infrastructure;
using Storefront.Jobs;

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
        await using var server = ScriptedSmtpServer.Start(rcptReply: "550 5.1.1 <maria.garcia@example.com>: no such user");

        var failure = await Assert.ThrowsAsync<PermanentFailureException>(() => SendAsync(server.Port));

        Assert.Contains("550", failure.Message);
        Assert.DoesNotContain(Recipient, failure.Message);
    }

    [Fact]
    public async Task A_message_refused_for_good_is_a_permanent_failure()
    {
        await using var server = ScriptedSmtpServer.Start(dataReply: "554 5.7.1 message rejected");

        var failure = await Assert.ThrowsAsync<PermanentFailureException>(() => SendAsync(server.Port));

        Assert.Contains("554", failure.Message);
    }

    [Fact]
    public async Task A_temporary_refusal_is_left_to_the_retries()
    {
        await using var server = ScriptedSmtpServer.Start(rcptReply: "451 4.3.0 try again later");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(server.Port));

        Assert.IsNotType<PermanentFailureException>(failure);
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_left_to_the_retries()
    {
        var port = ScriptedSmtpServer.FreePort();

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

    /// <summary>Just enough of an SMTP server to answer one client with scripted replies.</summary>
    private sealed class ScriptedSmtpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task _serving;

        private ScriptedSmtpServer(TcpListener listener, string rcptReply, string dataReply)
        {
            _listener = listener;
            _serving = ServeAsync(rcptReply, dataReply);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static ScriptedSmtpServer Start(string rcptReply = "250 OK", string dataReply = "250 OK")
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return new ScriptedSmtpServer(listener, rcptReply, dataReply);
        }

        public static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private async Task ServeAsync(string rcptReply, string dataReply)
        {
            using var client = await _listener.AcceptTcpClientAsync();
            using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 scripted ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                var command = line.Split(' ', ':')[0].ToUpperInvariant();
                switch (command)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-scripted");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "RCPT":
                        await writer.WriteLineAsync(rcptReply);
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 go ahead");
                        while (await reader.ReadLineAsync() is { } data && data != ".") { }
                        await writer.WriteLineAsync(dataReply);
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            try { await _serving; } catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException) { }
        }
    }
}
