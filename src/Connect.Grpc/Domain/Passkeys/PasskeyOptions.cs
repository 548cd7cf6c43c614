using System.Net;

namespace Connect.Grpc.Domain;

/// <summary>The WebAuthn relying party. Bound from <c>Connect:Passkeys</c>; empty values follow the console's public address.</summary>
public sealed class PasskeyOptions
{
    /// <summary>The relying party id (a domain: passkeys work on it and its subdomains); default the console's host, <c>localhost</c> for an IP address, which browsers refuse.</summary>
    public string RelyingPartyId { get; set; } = "";

    /// <summary>The name authenticators show beside the person's address; default "connect".</summary>
    public string RelyingPartyName { get; set; } = "connect";

    /// <summary>The origins whose answers are accepted (scheme, host and port); default the console's public address, and its <c>localhost</c> twin when that is an IP address.</summary>
    public List<string> Origins { get; set; } = [];

    /// <summary>The relying party id and origins in force: the configured ones, or those of the console's address.</summary>
    public (string RelyingPartyId, IReadOnlySet<string> Origins) Resolve(string consoleBaseUrl)
    {
        var console = new Uri(consoleBaseUrl);
        var isIp = IPAddress.TryParse(console.Host, out _);
        var id = RelyingPartyId.Length > 0 ? RelyingPartyId : isIp ? "localhost" : console.Host;
        HashSet<string> origins = Origins.Count > 0 ? [.. Origins.Select(o => o.TrimEnd('/'))] : [console.GetLeftPart(UriPartial.Authority)];
        if (Origins.Count == 0 && isIp) origins.Add(new UriBuilder(console) { Host = "localhost" }.Uri.GetLeftPart(UriPartial.Authority));
        return (id, origins);
    }
}
