using System.Net;
using System.Net.Sockets;

namespace Connect.Testing;

public static class FreePort
{
    private const int Low = 20_000;
    private const int High = 32_000;

    /// <summary>
    /// A loopback port nobody listens on right now, for a server started later. Taken below Linux's ephemeral range
    /// (32768-60999): there, the port given back could be handed to another listener on port 0 or to the local end
    /// of an outgoing connection before the server binds it ("address already in use", seen under the full suite).
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            var port = Random.Shared.Next(Low, High);
            try
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
    }
}
