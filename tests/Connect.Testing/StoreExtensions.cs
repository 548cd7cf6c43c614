using Connect.Grpc.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Testing;

public static class StoreExtensions
{
    /// <summary>The server's real store, to set up states no API offers yet and to look at what was written.</summary>
    public static IStore Store(this ConnectServerFactory server) => server.Services.GetRequiredService<IStore>();
}
