using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain;
using Storefront.Features.Install;
using Storefront.Jobs;
using Storefront.Tests.Support;

namespace Storefront.Tests.Email;

/// <summary>
/// An email that cannot be sent is never dropped in silence: a delivery email puts the order in front of staff with
/// the install details still on the order page and a retry that sends it again; a refund email is retried on its own
/// although the order is refunded.
/// </summary>
public sealed class UndeliverableEmailTests
{
    private const string Customer = "li@example.com";
    private const string Staff = "staff@wanderlink.example";

    [Fact]
    public async Task A_delivery_email_the_relay_refuses_puts_the_order_in_front_of_staff_and_keeps_the_install_details_on_its_page()
    {
        await using var relay = Relay.Start(refuse: Customer);
        await using var store = await StartStoreAsync(relay.Port);
        using var shopper = new Shopper(store);

        var number = await PayAsync(store, shopper);

        var order = await store.WaitForOrderAsync(number, OrderStatus.NeedsAttention);
        Assert.Contains("email to the customer could not be sent", order.AttentionReason);
        Assert.Contains("550", order.AttentionReason);
        Assert.DoesNotContain(Customer, order.AttentionReason);
        await store.WaitUntilAsync(_ => Task.FromResult(relay.Accepted.Any(m => m.To == Staff && m.Subject.Contains("[Action needed]"))), "the staff alert");
        await store.WaitForDueWorkAsync();
        Assert.DoesNotContain(relay.Accepted, m => m.To == Customer);

        var esim = Assert.Single(order.Esims);
        var install = store.Services.GetRequiredService<ActivationCodeProtector>().Details(esim.ActivationCodeProtected)!;
        var page = await shopper.Http.GetStringAsync($"/orders/{order.AccessToken}");
        Assert.Contains(install.MatchingId, page);
        Assert.Contains("could not email it to you", page);
    }

    [Fact]
    public async Task A_delivery_email_that_fails_while_mail_is_down_is_sent_when_staff_retry_after_mail_is_back()
    {
        var port = Relay.FreePort();
        await using var store = await StartStoreAsync(port);
        using var shopper = new Shopper(store);

        var number = await PayAsync(store, shopper);

        var order = await store.WaitForOrderAsync(number, OrderStatus.NeedsAttention);
        Assert.Contains("email to the customer could not be sent", order.AttentionReason);
        Assert.Contains(order.Events, e => e.Kind == "order.needs_attention");
        await store.WaitForDueWorkAsync();
        Assert.True(await store.WithDbAsync(db => db.WorkItems.AnyAsync(w => w.OrderId == order.Id && w.Kind == WorkKinds.SendAttentionEmails)));

        await using var relay = Relay.Start(port: port);
        await RetryAsStaffAsync(store, order.Id);

        await store.WaitForOrderAsync(number, OrderStatus.Delivered);
        Assert.Contains(relay.Accepted, m => m.To == Customer && m.Subject.Contains("eSIM is ready"));
    }

    [Fact]
    public async Task A_refund_email_that_fails_is_retried_after_the_order_is_refunded()
    {
        var port = Relay.FreePort();
        await using var store = await StartStoreAsync(port, new Dictionary<string, string?>
        {
            ["Sandbox:Citrus:StartingBalanceUsd"] = "1",
            ["Store:AutoRefundAfter"] = "00:00:01",
            ["Jobs:MaxAttempts"] = "12",
            ["Jobs:RetryBaseDelay"] = "00:00:00.500",
        });
        using var shopper = new Shopper(store);

        var number = await PayAsync(store, shopper);

        var order = await store.WaitForOrderAsync(number, OrderStatus.Refunded);
        await store.WaitUntilAsync(db => db.WorkItems.AnyAsync(w => w.OrderId == order.Id && w.Kind == WorkKinds.SendRefundEmail && w.Attempts >= 1),
            "a first failed refund email");
        await using var relay = Relay.Start(port: port);
        await store.WaitUntilAsync(_ => Task.FromResult(relay.Accepted.Any(m => m.To == Customer && m.Subject.EndsWith("has been refunded"))),
            "the refund email", TimeSpan.FromSeconds(60));
        Assert.Contains((await store.OrderAsync(number)).Events, e => e.Kind == "email.refunded");
    }

    private static Task<StoreFactory> StartStoreAsync(int smtpPort, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtpPort.ToString(),
            ["Smtp:EnableSsl"] = "false",
            ["Store:StaffAlertEmail"] = Staff,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return StoreFactory.StartAsync(settings: settings);
    }

    private static async Task<string> PayAsync(StoreFactory store, Shopper shopper)
    {
        var checkout = await shopper.StartCheckoutAsync("TH", 3, Customer, "Li Wei");
        await shopper.PayAsync(checkout.SessionId, email: Customer);
        return checkout.OrderNumber;
    }

    /// <summary>What the admin's "retry" does: the domain's Retry, and provisioning queued again.</summary>
    private static async Task RetryAsStaffAsync(StoreFactory store, Guid orderId)
    {
        await using var scope = store.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Storefront.Data.StorefrontDbContext>();
        var order = await db.Orders.SingleAsync(o => o.Id == orderId);
        Assert.True(order.Retry("staff@test", DateTimeOffset.UtcNow));
        await scope.ServiceProvider.GetRequiredService<WorkQueue>().EnqueueAsync(WorkKinds.ProvisionOrder, orderId, $"provision:{orderId}:retry");
        await db.SaveChangesAsync();
    }

    private sealed record Accepted(string To, string Subject);

    /// <summary>An SMTP relay on loopback that refuses one address for good (550) and keeps what it accepts.</summary>
    private sealed class Relay : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly string? _refuse;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _serving;

        private Relay(TcpListener listener, string? refuse)
        {
            _listener = listener;
            _refuse = refuse;
            _serving = AcceptAsync();
        }

        public ConcurrentQueue<Accepted> Accepted { get; } = new();

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static Relay Start(string? refuse = null, int port = 0)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return new Relay(listener, refuse);
        }

        public static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private async Task AcceptAsync()
        {
            var clients = new List<Task>();
            try
            {
                while (true) clients.Add(ServeAsync(await _listener.AcceptTcpClientAsync(_stop.Token)));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
            await Task.WhenAll(clients);
        }

        private async Task ServeAsync(TcpClient client)
        {
            try
            {
                using (client)
                {
                    var stream = client.GetStream();
                    using var reader = new StreamReader(stream, Encoding.ASCII);
                    await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                    await writer.WriteLineAsync("220 relay ESMTP");
                    string? to = null;
                    while (await reader.ReadLineAsync(_stop.Token) is { } line)
                    {
                        switch (line.Split(' ', ':')[0].ToUpperInvariant())
                        {
                            case "EHLO":
                                await writer.WriteLineAsync("250-relay");
                                await writer.WriteLineAsync("250 8BITMIME");
                                break;
                            case "RCPT":
                                to = line[(line.IndexOf('<') + 1)..line.IndexOf('>')];
                                await writer.WriteLineAsync(to == _refuse ? "550 5.1.1 no such user" : "250 OK");
                                break;
                            case "DATA":
                                await writer.WriteLineAsync("354 go ahead");
                                var subject = new StringBuilder();
                                var inSubject = false;
                                while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                                {
                                    inSubject = data.StartsWith("Subject: ", StringComparison.Ordinal) || (inSubject && data.StartsWith(' '));
                                    if (inSubject) subject.Append(data.StartsWith(' ') ? data : data["Subject: ".Length..]);
                                }
                                Accepted.Enqueue(new Accepted(to!, MimeKit.Utils.Rfc2047.DecodeText(Encoding.ASCII.GetBytes(subject.ToString()))));
                                await writer.WriteLineAsync("250 queued");
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
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _serving;
        }
    }
}
