using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;

namespace Connect.Client;

/// <summary>
/// Where a channel sends its calls: to the one <see cref="ConnectClientOptions.Address"/> as before, or spread over
/// several servers by grpc-dotnet's client-side load balancing: a resolver names the servers (our list, or DNS for a
/// <c>dns:///</c> address) and round robin picks, call by call, the next server it holds a ready connection to.
/// </summary>
internal static class ConnectEndpoints
{
    internal const string DnsScheme = "dns";

    /// <summary>The scheme of <see cref="ConnectAddressesResolverFactory"/>: our own, so a host's own <c>static</c> resolver is neither replaced nor used.</summary>
    internal const string ListScheme = "connect-addresses";

    /// <summary>The channel's address: the resolver's scheme for a list, else the configured address.</summary>
    internal static Uri ChannelAddress(ConnectClientOptions options) =>
        options.Addresses.Count > 0 ? new Uri(ListScheme + ":///connect") : options.Address;

    /// <summary>Round robin and the transport security for a balanced channel; a single http(s) address keeps the defaults.</summary>
    internal static void Configure(GrpcChannelOptions channel, ConnectClientOptions options)
    {
        if (!options.IsBalanced) return;
        // Without an http(s) address the channel cannot tell TLS from the scheme: the list says it (validation keeps it to one scheme).
        channel.Credentials = options.Addresses.FirstOrDefault()?.Scheme == Uri.UriSchemeHttps ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure;
        channel.ServiceConfig ??= new ServiceConfig();
        channel.ServiceConfig.LoadBalancingConfigs.Add(new RoundRobinConfig());
    }
}
