using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Hosting;

/// <summary>
/// Which callers may say whose request they forward (<c>X-Forwarded-For</c>): the console and any reverse proxy.
/// Read from <c>Connect:Network</c> by <see cref="ReadFrom"/>. Only their word is taken, so nobody else can pick the
/// address that the per-address throttle and the audit log see.
/// </summary>
public sealed class NetworkOptions
{
    private const string Path = "Connect:Network:KnownProxies";

    /// <summary>
    /// Addresses of trusted proxies; default the loopback addresses <c>127.0.0.1</c> and <c>::1</c>, where the console
    /// runs by default. Configured addresses (<c>KnownProxies__0</c>, <c>__1</c>, …) replace the default; an empty value
    /// (<c>Connect__Network__KnownProxies=</c>) trusts no proxy.
    /// </summary>
    public List<string> KnownProxies { get; set; } = ["127.0.0.1", "::1"];

    /// <summary>
    /// Reads the list by hand: the options binder would append configured addresses to the default instead of replacing
    /// it, and would take an empty value for "not configured".
    /// </summary>
    public void ReadFrom(IConfigurationSection network)
    {
        var list = network.GetSection(nameof(KnownProxies));
        if (!list.Exists()) return;
        if (list.Value is { Length: > 0 })
        {
            throw new OptionsValidationException(Path, typeof(NetworkOptions),
                [$"{Path} lists its addresses as {nameof(KnownProxies)}__0, {nameof(KnownProxies)}__1, …; only an empty value may stand on the list itself (it trusts no proxy)."]);
        }
        KnownProxies = [.. list.GetChildren().Select(item => item.Value ?? "")];
    }

    /// <summary>Fails start-up on an entry that is not an IP address, naming it.</summary>
    public sealed class Validator : IValidateOptions<NetworkOptions>
    {
        public ValidateOptionsResult Validate(string? name, NetworkOptions options)
        {
            var failures = options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
                .Select(p => $"{Path}: '{p}' is not an IP address (such as 10.0.0.5 or ::1).").ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }

    public void Apply(ForwardedHeadersOptions forwarded)
    {
        // With no known proxy and no known network the middleware believes everybody: nobody to trust means no header read at all.
        forwarded.ForwardedHeaders = KnownProxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
    }
}
