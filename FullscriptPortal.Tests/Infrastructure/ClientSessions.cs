using System.Net;
using System.Net.Sockets;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>Sessions from other clients: the whole of 127.0.0.0/8 is loopback on Linux, so binding the client socket to
/// 127.0.0.2, 127.0.0.3... gives the portal a different remote address per client, as different networks would.</summary>
public static class ClientSessions
{
    public static PortalSession NewSessionFrom(this PortalFactory factory, string clientAddress)
    {
        var from = IPAddress.Parse(clientAddress);
        var cookies = new CookieContainer();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new PortalSession(factory, new HttpClient(handler) { BaseAddress = factory.ServerAddress }, cookies);
    }
}
