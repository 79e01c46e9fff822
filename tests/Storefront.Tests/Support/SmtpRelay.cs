using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Storefront.Tests.Support;

/// <summary>A message the relay accepted.</summary>
public sealed record RelayedMail(string To, string Subject);

/// <summary>
/// Just enough of an SMTP relay on loopback for failure tests: it refuses one address for good (550) or answers every
/// RCPT or DATA with a scripted reply, and keeps the recipient and subject of what it accepts.
/// </summary>
public sealed class SmtpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly string? _refuse;
    private readonly string _rcptReply;
    private readonly string _dataReply;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    private SmtpRelay(TcpListener listener, string? refuse, string rcptReply, string dataReply)
    {
        _listener = listener;
        _refuse = refuse;
        _rcptReply = rcptReply;
        _dataReply = dataReply;
        _serving = AcceptAsync();
    }

    public ConcurrentQueue<RelayedMail> Accepted { get; } = new();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static SmtpRelay Start(string? refuse = null, int port = 0, string rcptReply = "250 OK", string dataReply = "250 queued")
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new SmtpRelay(listener, refuse, rcptReply, dataReply);
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
                            await writer.WriteLineAsync(to == _refuse ? "550 5.1.1 no such user" : _rcptReply);
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
                            if (_dataReply.StartsWith('2'))
                                Accepted.Enqueue(new RelayedMail(to!, MimeKit.Utils.Rfc2047.DecodeText(Encoding.ASCII.GetBytes(subject.ToString()))));
                            await writer.WriteLineAsync(_dataReply);
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
