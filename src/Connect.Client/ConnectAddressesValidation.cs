namespace Connect.Client;

/// <summary>
/// The address rules, checked at start so that a typo stops the host with a sentence rather than failing every call:
/// one <see cref="ConnectClientOptions.Address"/> (absolute; <c>http</c>, <c>https</c> or <c>dns</c>) or a list of
/// <see cref="ConnectClientOptions.Addresses"/> (each absolute <c>http</c> or <c>https</c> with nothing but host and
/// port, all of one scheme, none twice), never both.
/// </summary>
internal static class ConnectAddressesValidation
{
    internal static IEnumerable<string> Failures(ConnectClientOptions options)
    {
        var addresses = options.Addresses ?? [];
        if (addresses.Count == 0)
        {
            if (options.Address is not { IsAbsoluteUri: true } address || !IsHttp(address) && address.Scheme != ConnectEndpoints.DnsScheme)
                yield return "Connect: Address must be an absolute URI: http://host:port, https://host:port or dns:///name:port.";
            yield break;
        }

        if (options.AddressIsSet)
            yield return "Connect: Address and Addresses are both set; set Address for one server or Addresses for several, not both.";
        for (var i = 0; i < addresses.Count; i++)
        {
            if (addresses[i] is not { IsAbsoluteUri: true } address || !IsHttp(address))
                yield return $"Connect: Addresses:{i} ({addresses[i]?.OriginalString ?? "empty"}) must be an absolute http://host:port or https://host:port URI.";
            else if (address.AbsolutePath != "/" || address.Query.Length > 0 || address.Fragment.Length > 0 || address.UserInfo.Length > 0)
                yield return $"Connect: Addresses:{i} ({address.OriginalString}) must hold only a scheme, a host and a port.";
        }

        var usable = addresses.Where(a => a is { IsAbsoluteUri: true } && IsHttp(a)).ToList();
        foreach (var twice in usable.GroupBy(a => a.GetLeftPart(UriPartial.Authority).ToLowerInvariant()).Where(g => g.Count() > 1))
            yield return $"Connect: Addresses lists {twice.Key} more than once.";
        // One channel speaks TLS to all its servers or to none.
        if (usable.Select(a => a.Scheme).Distinct().Count() > 1)
            yield return "Connect: Addresses mixes http and https; list the servers with one scheme.";
    }

    private static bool IsHttp(Uri address) => address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps;
}
