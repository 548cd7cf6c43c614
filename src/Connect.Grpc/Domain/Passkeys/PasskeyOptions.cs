using System.Net;
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// A folder of FIDO metadata statements (JSON, one authenticator model each). When set, only those models are
    /// accepted, with a full attestation that chains to their statement's roots: hardware-bound keys only.
    /// </summary>
    public string MetadataDirectory { get; set; } = "";

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

    /// <summary>Refuses the start when the metadata folder is missing, empty or holds a statement that cannot be read.</summary>
    public sealed class Validator : IValidateOptions<PasskeyOptions>
    {
        public ValidateOptionsResult Validate(string? name, PasskeyOptions options)
        {
            if (options.Origins.Any(origin => !Uri.TryCreate(origin, UriKind.Absolute, out _)))
                return ValidateOptionsResult.Fail("Connect:Passkeys:Origins must be absolute URLs.");
            try
            {
                _ = new AcceptedAuthenticators(options.MetadataDirectory);
                return ValidateOptionsResult.Success;
            }
            catch (InvalidOperationException refused)
            {
                return ValidateOptionsResult.Fail(refused.Message);
            }
        }
    }
}
