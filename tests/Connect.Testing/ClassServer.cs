using Grpc.Net.Client;

namespace Connect.Testing;

/// <summary>
/// One server for every test of a class (<c>IClassFixture&lt;ClassServer&gt;</c>). xunit runs the tests of a class one
/// after another, so they share its store, clock and fund operator without racing; each test makes its own
/// organisations and people, with addresses and affiliate numbers no other test of the class uses, and looks only at
/// what it made. A class whose server needs other settings derives a fixture that passes them.
/// </summary>
public class ClassServer : IDisposable
{
    public ClassServer() : this(new ConnectServerFactory())
    {
    }

    protected ClassServer(ConnectServerFactory server)
    {
        Server = server;
        Channel = server.CreateChannel();
    }

    public ConnectServerFactory Server { get; }

    /// <summary>One channel for the class, as a client application keeps one.</summary>
    public GrpcChannel Channel { get; }

    public void Dispose()
    {
        Channel.Dispose();
        Server.Dispose();
        GC.SuppressFinalize(this);
    }
}
