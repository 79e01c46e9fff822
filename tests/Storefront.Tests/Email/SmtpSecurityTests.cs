using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Security;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Storefront.Email;
using Storefront.Infrastructure;
using Storefront.Tests.Support;

namespace Storefront.Tests.Email;

/// <summary>
/// The relay settings against real SMTP servers on loopback that speak TLS and ask for a login: maildev with TLS from
/// the first byte, and nodemailer's smtp-server (the engine inside maildev) for STARTTLS, which maildev hides. Both use
/// a throwaway self-signed certificate, trusted through Smtp:TrustedCertificateSha256.
/// </summary>
public sealed class SmtpSecurityTests : IDisposable
{
    private const string User = "store";
    private const string Password = "relay-secret-8c1f";

    private readonly string _folder = Directory.CreateTempSubdirectory("smtp-security-").FullName;
    private readonly string _certificateFile;
    private readonly string _keyFile;
    private readonly string _fingerprint;

    public SmtpSecurityTests()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _certificateFile = Path.Combine(_folder, "relay.crt");
        _keyFile = Path.Combine(_folder, "relay.key");
        File.WriteAllText(_certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(_keyFile, rsa.ExportPkcs8PrivateKeyPem());
        _fingerprint = string.Join(':', certificate.GetCertHashString(HashAlgorithmName.SHA256).Chunk(2).Select(pair => new string(pair)));
    }

    [Fact]
    public async Task A_message_is_delivered_over_ssl_on_connect_with_a_login()
    {
        await using var relay = await LoopbackRelay.MaildevWithTlsAsync(_folder, _certificateFile, _keyFile);

        await SendAsync(relay.Port, SmtpSecurity.SslOnConnect, Password);

        Assert.Equal("Your eSIM is ready", (await relay.SingleMessageAsync()).Subject);
    }

    [Fact]
    public async Task A_message_is_delivered_over_starttls_with_a_login()
    {
        await using var relay = await LoopbackRelay.StartTlsAsync(_folder, _certificateFile, _keyFile);

        await SendAsync(relay.Port, SmtpSecurity.StartTls, Password);

        Assert.Equal("Your eSIM is ready", (await relay.SingleMessageAsync()).Subject);
    }

    /// <summary>
    /// Retried, not permanent: the refusal is of the store's credentials, not of this message or recipient, so giving
    /// up would lose every delivery email until staff resent each by hand, while retries deliver them all once the
    /// password is fixed; and relays also refuse logins for a while (454 4.7.0, rate limits) and accept them later.
    /// </summary>
    [Fact]
    public async Task A_wrong_password_is_left_to_the_retries_and_is_not_revealed()
    {
        await using var relay = await LoopbackRelay.MaildevWithTlsAsync(_folder, _certificateFile, _keyFile);

        var failure = await Assert.ThrowsAsync<AuthenticationException>(() => SendAsync(relay.Port, SmtpSecurity.SslOnConnect, "wrong-password"));

        Assert.DoesNotContain("wrong-password", failure.ToString());
        Assert.Empty(relay.Messages());
    }

    [Fact]
    public async Task A_wrong_password_over_starttls_is_left_to_the_retries()
    {
        await using var relay = await LoopbackRelay.StartTlsAsync(_folder, _certificateFile, _keyFile);

        await Assert.ThrowsAsync<AuthenticationException>(() => SendAsync(relay.Port, SmtpSecurity.StartTls, "wrong-password"));

        Assert.Empty(relay.Messages());
    }

    [Fact]
    public async Task A_self_signed_certificate_is_refused_when_no_fingerprint_is_configured()
    {
        await using var relay = await LoopbackRelay.MaildevWithTlsAsync(_folder, _certificateFile, _keyFile);

        var failure = await Assert.ThrowsAsync<SslHandshakeException>(() => SendAsync(relay.Port, SmtpSecurity.SslOnConnect, Password, trusted: null));

        Assert.IsType<System.Security.Authentication.AuthenticationException>(failure.InnerException);
        Assert.Empty(relay.Messages());
    }

    [Fact]
    public async Task A_certificate_other_than_the_configured_one_is_refused()
    {
        await using var relay = await LoopbackRelay.MaildevWithTlsAsync(_folder, _certificateFile, _keyFile);

        var failure = await Assert.ThrowsAsync<SslHandshakeException>(
            () => SendAsync(relay.Port, SmtpSecurity.SslOnConnect, Password, trusted: new string('A', 64)));

        Assert.IsType<System.Security.Authentication.AuthenticationException>(failure.InnerException);
        Assert.Empty(relay.Messages());
    }

    [Fact]
    public async Task Starttls_required_against_a_server_that_does_not_offer_it_fails_before_sending_anything()
    {
        await using var relay = await LoopbackRelay.MaildevPlainAsync(_folder);

        await Assert.ThrowsAsync<NotSupportedException>(() => SendAsync(relay.Port, SmtpSecurity.StartTls, Password));

        Assert.Empty(relay.Messages());
    }

    /// <summary>Such a relay says nothing until a TLS handshake starts, so the failure is the wait for its greeting.</summary>
    [Fact]
    public async Task None_against_a_server_that_speaks_only_tls_fails_with_a_message_naming_the_setting()
    {
        await using var relay = await LoopbackRelay.MaildevWithTlsAsync(_folder, _certificateFile, _keyFile);

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => SendAsync(relay.Port, SmtpSecurity.None, Password));

        Assert.Contains("set Smtp:Security to SslOnConnect", failure.Message);
        Assert.Empty(relay.Messages());
    }

    [Theory]
    [InlineData("3F:0A:9C:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD", true)]
    [InlineData("3f0a9c112233445566778899aabbccddeeff00112233445566778899aabbccdd", true)]
    [InlineData("3F:0A:9C:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11", false)]
    [InlineData("relay.example.com", false)]
    public void The_trusted_certificate_setting_takes_only_a_sha256_fingerprint(string value, bool valid)
    {
        var smtp = new SmtpOptions { TrustedCertificateSha256 = value };
        var errors = new List<ValidationResult>();

        Assert.Equal(valid, Validator.TryValidateObject(smtp, new ValidationContext(smtp), errors, validateAllProperties: true));
        Assert.All(errors, e => Assert.Contains("Smtp:TrustedCertificateSha256", e.ErrorMessage));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task SendAsync(int port, SmtpSecurity security, string password, string? trusted = "pinned")
    {
        var smtp = new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Security = security,
            Username = User,
            Password = password,
            TrustedCertificateSha256 = trusted == "pinned" ? _fingerprint : trusted,
        };
        var sender = new SmtpEmailSender(Options.Create(smtp), Options.Create(new BrandOptions()),
            new HostingEnvironment { ContentRootPath = _folder }, NullLogger<SmtpEmailSender>.Instance);
        return sender.SendAsync(new EmailMessage("maria.garcia@example.com", "Maria Garcia", "Your eSIM is ready", "<p>Hello</p>", "Hello"),
            CancellationToken.None);
    }

    /// <summary>A node SMTP server started for one test, writing what it receives as .eml files into its own folder.</summary>
    private sealed class LoopbackRelay : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _mailFolder;

        private LoopbackRelay(Process process, int port, string mailFolder)
        {
            _process = process;
            Port = port;
            _mailFolder = mailFolder;
        }

        public int Port { get; }

        public static Task<LoopbackRelay> MaildevWithTlsAsync(string folder, string certificate, string key) =>
            MaildevAsync(folder, "--incoming-secure", "--incoming-cert", certificate, "--incoming-key", key,
                "--incoming-user", User, "--incoming-pass", Password);

        public static Task<LoopbackRelay> MaildevPlainAsync(string folder) => MaildevAsync(folder);

        public static Task<LoopbackRelay> StartTlsAsync(string folder, string certificate, string key)
        {
            var port = FreePort();
            var mail = MailFolder(folder);
            return StartAsync(port, mail, "tests/node/starttls-smtp-server.js", port.ToString(), certificate, key, User, Password, mail);
        }

        private static Task<LoopbackRelay> MaildevAsync(string folder, params string[] options)
        {
            var port = FreePort();
            var mail = MailFolder(folder);
            return StartAsync(port, mail, ["tests/node/node_modules/maildev/bin/maildev", "--ip", "127.0.0.1", "-s", port.ToString(),
                "--disable-web", "--mail-directory", mail, .. options]);
        }

        /// <summary>
        /// Ready when the server says so on its output: probing the port would not do, since maildev exits on a client
        /// that leaves before the TLS handshake.
        /// </summary>
        private static async Task<LoopbackRelay> StartAsync(int port, string mailFolder, params string[] arguments)
        {
            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = TestEnvironment.RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, line) =>
            {
                if (line.Data is { } text && (text.Contains("SMTP Server running at") || text == "ready"))
                    ready.TrySetResult();
            };
            process.ErrorDataReceived += (_, line) => { if (line.Data is { } text) errors.Enqueue(text); };
            process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The SMTP server exited: {string.Join(' ', errors)}"));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var relay = new LoopbackRelay(process, port, mailFolder);
            try
            {
                await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
                return relay;
            }
            catch
            {
                await relay.DisposeAsync();
                throw;
            }
        }

        public string[] Messages() => Directory.GetFiles(_mailFolder, "*.eml");

        public async Task<MimeMessage> SingleMessageAsync()
        {
            for (var attempt = 0; attempt < 50 && Messages().Length == 0; attempt++)
                await Task.Delay(100);
            return await MimeMessage.LoadAsync(Assert.Single(Messages()));
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        private static string MailFolder(string folder) => Directory.CreateDirectory(Path.Combine(folder, $"mail-{Guid.NewGuid():N}")).FullName;

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
