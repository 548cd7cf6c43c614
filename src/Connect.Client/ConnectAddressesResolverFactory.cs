using Grpc.Net.Client.Balancer;
using Microsoft.Extensions.Options;

namespace Connect.Client;

/// <summary>
/// grpc-dotnet's <see cref="StaticResolverFactory"/> over <see cref="ConnectClientOptions.Addresses"/>, under a scheme of
/// its own (<see cref="ConnectEndpoints.ListScheme"/>). Channels find it in the host's services, as the client factory
/// hands those to every channel it makes.
/// </summary>
internal sealed class ConnectAddressesResolverFactory(IOptions<ConnectClientOptions> options) : ResolverFactory
{
    private readonly StaticResolverFactory _list = new(_ => options.Value.Addresses.Select(address => new BalancerAddress(address.Host, address.Port)));

    public override string Name => ConnectEndpoints.ListScheme;

    public override Resolver Create(ResolverOptions options) => _list.Create(options);
}
