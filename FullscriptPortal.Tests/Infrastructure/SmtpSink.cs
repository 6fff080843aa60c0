using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>An SMTP server on a loopback port that speaks just enough of the protocol (no extensions, no TLS, no AUTH) to
/// take messages from a real client, and keeps each one with the recipients the client named.</summary>
public sealed class SmtpSink : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private SmtpSink()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public static SmtpSink Start() => new();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<(IReadOnlyList<string> Recipients, MimeMessage Message)> Messages { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink.test ESMTP");
        var recipients = new List<string>();
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO": await writer.WriteLineAsync("250 sink.test"); break;
                case "MAIL": recipients.Clear(); await writer.WriteLineAsync("250 OK"); break;
                case "RCPT": recipients.Add(line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.LastIndexOf('>')]); await writer.WriteLineAsync("250 OK"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(_stop.Token) is { } body && body != ".")
                        data.Append(body.StartsWith("..", StringComparison.Ordinal) ? body[1..] : body).Append("\r\n"); // undo dot-stuffing
                    Messages.Enqueue(([.. recipients], MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(data.ToString())))));
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "QUIT": await writer.WriteLineAsync("221 Bye"); return;
                case "RSET" or "NOOP": await writer.WriteLineAsync("250 OK"); break;
                default: await writer.WriteLineAsync("502 Command not implemented"); break;
            }
        }
    }

    /// <summary>Stops listening and ends open sessions; the accept loop ends on its own once the listener is stopped.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _accepting.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
