using System.Net;
using System.Net.Sockets;

namespace Tollgate.Testing;

/// <summary>
/// An HTTP client whose connections come from another loopback address (127.0.0.2, 127.0.0.3, …; all of 127/8 is
/// this machine): what a server sees as a different client host, without leaving loopback.
/// </summary>
public static class SourceAddress
{
    public static HttpClient Client(string baseAddress, string source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = new Uri(baseAddress) };
}
