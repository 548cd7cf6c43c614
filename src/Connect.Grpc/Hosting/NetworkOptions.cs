using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Connect.Grpc.Hosting;

/// <summary>
/// Which callers may say whose request they forward (<c>X-Forwarded-For</c>): the console and any reverse proxy.
/// Bound from <c>Connect:Network</c>. Only their word is taken, so nobody else can pick the address that the
/// per-address throttle and the audit log see.
/// </summary>
public sealed class NetworkOptions
{
    /// <summary>Addresses of trusted proxies; default the loopback addresses, where the console runs by default.</summary>
    public List<string> KnownProxies { get; set; } = ["127.0.0.1", "::1"];

    public void Apply(ForwardedHeadersOptions forwarded)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
    }
}
