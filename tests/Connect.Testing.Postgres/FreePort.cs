using System.Net;
using System.Net.Sockets;

namespace Connect.Testing;

public static class FreePort
{
    /// <summary>A loopback port nobody listens on right now: the system picks it for a listener that closes at once.</summary>
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
