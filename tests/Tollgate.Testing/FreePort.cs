using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Tollgate.Testing;

/// <summary>
/// Loopback ports nobody is listening on, for hosts started by tests. They are drawn below Linux's ephemeral range
/// (32768–60999), never twice in a process: a port the kernel handed out (port 0) and released could be taken, before
/// the host binds it, by any outgoing connection of the tests running beside it.
/// </summary>
public static class FreePort
{
    private const int First = 20_000;
    private const int Last = 32_000;
    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    public static int Next()
    {
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            if (!HandedOut.TryAdd(port, true))
            {
                continue;
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use by something else on the machine: draw again.
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }
}
